import {InputError} from '../errors.js'
import type {Workload} from '../workload/types.js'
import {engineModelOf} from './engine-model.js'
import {sizedPoint, type MrcPoint, type MrcSampling} from './mrc-result.js'
import type {SizeUnit} from './size-grid.js'

/**
 * Miniature simulation (Waldspurger, Park, Garthwaite and Ahmad, "Cache Modeling and
 * Optimization using Miniature Simulations", USENIX ATC '17): a cache of size S on the full
 * stream behaves like a cache of size R·S on the stream of a spatial sample of rate R of the
 * keys. Any policy, TTL or strategy runs unchanged, on R of the work.
 */

/** Sampled keys below which the estimate is mostly noise. */
const MIN_SAMPLED_KEYS = 100

export interface Miniature {
  workload: Workload
  sampling: MrcSampling
}

/**
 * The workload scaled down by `rate`: only sampled keys are drawn, and the operations and the
 * request rate shrink by the same factor, so each key sees its accesses at the same moments of
 * simulated time as in the full run (TTLs and refreshes keep their meaning).
 */
export function miniatureOf(workload: Workload, rate: number): Miniature {
  const refusal = miniatureRefusal(workload, rate)
  if (refusal !== null) throw new InputError(`--sample ${rate}: ${refusal}`)
  const {load} = workload
  const scaled = (operations: number) => Math.max(1, Math.round(operations * rate))
  const operations = load.operations === null ? null : scaled(load.operations)
  const warmup = 'operations' in load.warmup ? {operations: Math.min(scaled(load.warmup.operations), (operations ?? Infinity) - 1)} : load.warmup
  const sampledKeys = Math.round(workload.keyspace.count * rate)
  return {
    workload: {
      ...workload,
      keyspace: {...workload.keyspace, sample: {rate}},
      load: {...load, rate: (load.rate as number) * rate, operations, warmup},
    },
    // The same rough error as SHARDS's: the binomial worst case with the sampled keys as the unit.
    sampling: {rate, sampledKeys, expectedError: 1 / (2 * Math.sqrt(sampledKeys))},
  }
}

/** Why a miniature of this workload would not behave like the full cache scaled, or null. */
function miniatureRefusal(workload: Workload, rate: number): string | null {
  if (!(rate > 0 && rate < 1)) return 'miniature simulation needs a rate in (0, 1).'
  if (workload.keyspace.count * rate < MIN_SAMPLED_KEYS) {
    return `only ~${Math.round(workload.keyspace.count * rate)} of the ${workload.keyspace.count} keys would be sampled; use a rate of at least ${(MIN_SAMPLED_KEYS / workload.keyspace.count).toPrecision(2)}.`
  }
  if (workload.load.rate === null) return 'a miniature simulation scales the request rate with the keys, and a closed loop has none; give --rate (e.g. --rate 20k/s).'
  if (workload.trace) return 'trace workloads replay their own keys, which are not sampled; drop --sample.'
  if (workload.phases || workload.events) return 'phases and events act on the whole keyspace and timeline; drop --sample.'
  const model = engineModelOf(workload)
  if (model !== 'ideal') return `the ${model} model's fixed costs (slab pages, server overhead) do not shrink with the cache; use cache.model ideal or drop --sample.`
  return null
}

/** The size the miniature cache gets for a full-scale size. */
export function miniatureSize(size: number, rate: number): number {
  return Math.max(1, Math.round(size * rate))
}

/** A miniature's point, read back at full scale: the same ratios, origin reads at the full request rate. */
export function fullScalePoint(point: MrcPoint, unit: SizeUnit, size: number, rate: number): MrcPoint {
  const {hitRatio, missRatio, originReadsPerSec, readP99Ms, staleRatio} = point
  return sizedPoint(unit, size, {hitRatio, missRatio, originReadsPerSec: originReadsPerSec === null ? null : originReadsPerSec / rate, readP99Ms, staleRatio})
}
