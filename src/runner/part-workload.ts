import {modelCapacityBytes} from '../engine/models/model-registry.js'
import {InputError} from '../errors.js'
import type {TargetUrl} from '../targets/target-url.js'
import {parseSize} from '../workload/units.js'
import {isModelName, type Workload} from '../workload/types.js'
import {shareOf, type RunPart} from './partition.js'
import type {RunEvent} from './run-events.js'

/** Refuses a split that would leave a part nothing to do. */
export function checkPart(workload: Workload, part: RunPart): void {
  if (!Number.isInteger(part.count) || part.count < 1 || !Number.isInteger(part.index) || part.index < 0 || part.index >= part.count) {
    throw new InputError(`a run can only be split into whole parts: part ${part.index + 1} of ${part.count} does not exist.`)
  }
  if (part.count > workload.keyspace.count) {
    throw new InputError(
      `keyspace.count (${workload.keyspace.count}) is smaller than the ${part.count} parts the run is split into; each part needs keys of its own.`,
    )
  }
}

/**
 * The workload as one part runs it. Parts run at the same time and share out the whole run's
 * resources: the load's concurrency and maxInFlight, the simulated origin's concurrency, and the
 * builtin cache's item and byte capacity (each part has its own engine). Remainders go to the
 * first parts; a part never gets less than one.
 */
export function partWorkload(workload: Workload, part: RunPart): Workload {
  const share = (total: number): number => Math.max(1, shareOf(total, part))
  const whole = modelCapacityBytes(workload.cache.model, workload.cache.capacityBytes)
  return {
    ...workload,
    load: {...workload.load, concurrency: share(workload.load.concurrency), maxInFlight: share(workload.load.maxInFlight)},
    origin: {...workload.origin, concurrency: share(workload.origin.concurrency)},
    cache: {
      ...workload.cache,
      maxItems: workload.cache.maxItems === null ? null : share(workload.cache.maxItems),
      // A model's own default limit (memcached's 64 MiB) is shared out too, or every part would have it whole.
      capacityBytes: whole === null ? null : share(whole),
    },
    ...(workload.phases
      ? {phases: workload.phases.map((phase) => ({...phase, concurrency: phase.concurrency === null ? null : share(phase.concurrency)}))}
      : {}),
  }
}

/**
 * On the builtin target each part has its own cache, and carries out every event on it. A real
 * server is shared: every part would flush it, run the command or promote the replica again.
 */
export function checkPartEvents(events: readonly RunEvent[], part: RunPart, clock: 'virtual' | 'real'): void {
  if (events.length === 0 || part.count === 1 || clock === 'virtual') return
  throw new InputError(
    `events: on a real server cannot be combined with --workers or --shard: each part would carry out ${events[0].action} on the shared server; run the events with one worker and no shards.`,
  )
}

/**
 * A target whose URL sizes its cache (`builtin://?maxItems=…&capacity=…`: the target kind's
 * eviction control) sizes the whole cache there; a part's engine gets its share.
 */
export function partTargetUrl(url: TargetUrl, part: RunPart): TargetUrl {
  if (part.count === 1) return url
  const params = new URLSearchParams(url.params)
  const maxItems = params.get('maxItems')
  if (maxItems !== null && /^\d+$/.test(maxItems)) params.set('maxItems', String(Math.max(1, shareOf(Number(maxItems), part))))
  const capacity = params.get('capacity')
  const model = params.get('model')
  // A model the URL names brings its own default limit (memcached's 64 MiB), shared out as a given one is.
  const whole = capacity !== null ? parseSize(capacity, 'builtin://?capacity') : model !== null && isModelName(model) ? modelCapacityBytes(model, null) : null
  if (whole !== null) params.set('capacity', `${Math.max(1, shareOf(whole, part))}B`)
  return {...url, params}
}

/** What the reader of a part's figures should know about how the whole was divided. */
export function partWarnings(workload: Workload, part: RunPart): string[] {
  if (workload.load.rate === null && workload.load.concurrency < part.count) {
    return [
      `load.concurrency ${workload.load.concurrency} is less than the ${part.count} parts of the run; each part runs one operation at a time, ${part.count} in all.`,
    ]
  }
  return []
}
