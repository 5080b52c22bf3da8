import type {RunMetrics} from '../metrics/run-metrics.js'
import type {SimulatedOrigin} from '../origin/simulated-origin.js'
import type {CachedValue, LeaseGetAnswer} from '../targets/cache-target.js'

// What a cache command's reply counts, in one place for every engine: the promise path's timed
// steps, the callback path and the simulation core. `tookMs` is the command's latency; `measured`
// whether the operation it belongs to is past the warm-up.

/** A get answered `value` (null: a miss). */
export function countGet(metrics: RunMetrics, key: number, value: CachedValue | null, tookMs: number, measured: boolean): void {
  if (measured) metrics.latency['cache.get'].record(tookMs)
  if (value === null) metrics.wasted.gone(key, measured)
  else metrics.wasted.hit(key)
}

/** A set of `version` was stored: the origin's log learns what the cache holds. */
export function countSet(metrics: RunMetrics, origin: SimulatedOrigin, key: number, version: number, tookMs: number, measured: boolean): void {
  origin.log.stored(key, version)
  metrics.wasted.set(key, measured)
  if (measured) {
    metrics.latency['cache.set'].record(tookMs)
    metrics.counters.cacheSets++
  }
}

/** A delete was done. */
export function countDelete(metrics: RunMetrics, key: number, tookMs: number, measured: boolean): void {
  metrics.wasted.gone(key, measured)
  if (measured) {
    metrics.latency['cache.delete'].record(tookMs)
    metrics.counters.cacheDeletes++
  }
}

/** A lease get answered: a hit, a lease to fill, or a wait for another's fill. */
export function countLeaseGet(metrics: RunMetrics, key: number, answer: LeaseGetAnswer, tookMs: number, measured: boolean): void {
  if (measured) metrics.latency['cache.get'].record(tookMs)
  if (answer.kind === 'hit') metrics.wasted.hit(key)
  else metrics.wasted.gone(key, measured)
  if (answer.kind === 'wait' && measured) metrics.counters.leaseWaits++
}

/** A lease set answered: stored like a set, or refused (its lease was voided). */
export function countLeaseSet(metrics: RunMetrics, origin: SimulatedOrigin, key: number, version: number, stored: boolean, tookMs: number, measured: boolean): void {
  if (stored) return countSet(metrics, origin, key, version, tookMs, measured)
  if (measured) {
    metrics.latency['cache.set'].record(tookMs)
    metrics.counters.leaseSetsRefused++
  }
}
