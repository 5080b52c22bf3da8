import {InputError} from '../errors.js'
import {createKeyDistribution} from '../generators/distributions.js'
import {createRandom, Stream} from '../generators/random.js'
import {spatialHash, TWO_POW_32} from '../generators/spatial-sample.js'
import type {Workload} from '../workload/types.js'
import {streamLengthOf} from './cache-accesses.js'
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

/** Key draws that measure the sample's share of the traffic: enough for a share to ±0.1% of itself on most workloads, bounded in time. */
const SHARE_DRAWS = 2_000_000

/**
 * The fraction of the stream's requests that go to sampled keys. It is `rate` on average, but
 * a skewed workload's few hottest keys sway it (one zipfian key can carry 8% of the requests),
 * so it is measured on the workload's own seeded key stream.
 */
function sampledShare(workload: Workload, rate: number, requests: number): number {
  const keys = createKeyDistribution({...workload.keyspace, sample: undefined}, createRandom(workload.seed, Stream.keys))
  const threshold = rate * TWO_POW_32
  const draws = Math.min(requests, SHARE_DRAWS)
  let sampled = 0
  for (let i = 0; i < draws; i++) if (spatialHash(keys.nextKey()) < threshold) sampled++
  return Math.max(sampled, 1) / draws
}

/**
 * The workload scaled down to its sample: only sampled keys are drawn, and the operations and
 * the request rate shrink by the share of the traffic those keys receive, so each key sees its
 * accesses at the same moments of simulated time as in the full run (TTLs and refreshes keep
 * their meaning).
 */
export function miniatureOf(workload: Workload, rate: number): Miniature {
  const refusal = miniatureRefusal(workload, rate)
  if (refusal !== null) throw new InputError(`--sample ${rate}: ${refusal}`)
  const {load} = workload
  const share = sampledShare(workload, rate, streamLengthOf(workload).requests)
  const scaled = (operations: number) => Math.max(1, Math.round(operations * share))
  const operations = load.operations === null ? null : scaled(load.operations)
  const warmup = 'operations' in load.warmup ? {operations: Math.min(scaled(load.warmup.operations), (operations ?? Infinity) - 1)} : load.warmup
  const sampledKeys = Math.round(workload.keyspace.count * rate)
  return {
    workload: {
      ...workload,
      keyspace: {...workload.keyspace, sample: {rate}},
      load: {...load, rate: (load.rate as number) * share, operations, warmup},
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

/**
 * A miniature's point, read back at full scale, with SHARDS's count correction (Waldspurger et
 * al., FAST '15, SHARDS_adj): the sample should hold `rate` of the full run's reads; what it
 * holds beyond that (a hot key that happened to be sampled) or short of it is taken from, or
 * added to, the hits, as it is the hottest keys that sway the count and they hit at any size.
 * Origin reads follow from the full run's rate of reads.
 */
export function fullScalePoint(point: MrcPoint, unit: SizeUnit, size: number, rate: number, full: {reads: number; readsPerSec: number | null}): MrcPoint {
  const {readP99Ms, staleRatio} = point
  const expectedReads = full.reads * rate
  const reads = point.reads ?? expectedReads
  const hits = point.hitRatio * reads + (expectedReads - reads)
  const hitRatio = expectedReads > 0 ? Math.min(1, Math.max(0, hits / expectedReads)) : point.hitRatio
  const originReadsPerSec = full.readsPerSec === null ? null : full.readsPerSec * (1 - hitRatio)
  return sizedPoint(unit, size, {hitRatio, missRatio: 1 - hitRatio, originReadsPerSec, readP99Ms, staleRatio})
}
