import {InputError} from '../errors.js'
import {EVICTION_POLICY_NAMES, type EvictionPolicyName, type Workload} from '../workload/types.js'

/** The workload with `--eviction` applied: its cache evicts by `name`. */
export function withEviction(workload: Workload, name: string | undefined): Workload {
  if (name === undefined) return workload
  if (!(EVICTION_POLICY_NAMES as readonly string[]).includes(name)) {
    throw new InputError(`--eviction "${name}" is unknown; use one of ${EVICTION_POLICY_NAMES.join(', ')}.`)
  }
  return {...workload, cache: {...workload.cache, eviction: name as EvictionPolicyName}}
}

/** `--sample 0.01` as a number, refused when it is not a fraction in (0, 1]. */
export function parseSampleRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const rate = Number(text)
  if (!(rate > 0 && rate <= 1)) throw new InputError(`--sample must be a fraction in (0, 1], e.g. 0.01 (got "${text}").`)
  return rate
}
