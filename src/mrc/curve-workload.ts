import {InputError} from '../errors.js'
import {strategyUsesCache} from '../strategies/strategy-parts.js'
import {EVICTION_POLICY_NAMES, mixesOf, structureOperationsOf, type EvictionPolicyName, type Workload} from '../workload/types.js'

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

/**
 * Why a miss-ratio curve (and so a plan) of this workload would say nothing, or null: a curve
 * counts reads of cached keys, which a messaging workload has none of, nor a mix of data-structure
 * operations alone (their curve read 0% hits at every size), nor a strategy that never uses the
 * cache (none: 0% hits at every size, simulated size by size).
 */
export function curveRefusal(workload: Workload): string | null {
  const name = workload.name
  if (workload.messaging) return `${name} is a messaging workload (${workload.messaging.streams !== null ? 'Streams' : 'Pub/Sub'}): it reads no cached keys, so it has no miss-ratio curve; run it instead.`
  if (!strategyUsesCache(workload.strategy.name)) {
    return `${name}'s strategy is ${workload.strategy.name}, which never uses the cache: its hit ratio is 0 at every size; give it a strategy that caches (e.g. lazy-loading) for a curve.`
  }
  if (workload.trace) return null
  const mixes = mixesOf(workload)
  if (mixes.some((mix) => mix.read > 0)) return null
  const structures = [...new Set(mixes.flatMap(structureOperationsOf))]
  const what = structures.length > 0 ? `only data-structure operations (${structures.join(', ')})` : 'no reads'
  return `${name}'s mix has ${what}: a miss-ratio curve counts reads of cached keys (mix.read), so it would show 0% hits at every size.`
}
