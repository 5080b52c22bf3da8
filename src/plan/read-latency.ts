import {createLatencyModel} from '../generators/latency-model.js'
import {createRandom, Stream} from '../generators/random.js'
import type {Workload} from '../workload/types.js'

const DRAWS = 20_000
const QUANTILE = 0.99

/** Latencies of a hit and of a miss, drawn once from the workload's models, ascending. */
export interface ReadLatencySamples {
  hits: Float64Array
  misses: Float64Array
  /** Both, ascending: the candidate answers. */
  all: Float64Array
}

/**
 * A hit costs one cache get; a lazily filled miss a get, an origin read and a set. Drawn from
 * the workload's latency models with its seed, without origin queueing: a floor for the p99
 * a run would measure (a simulation measures queueing too).
 */
export function sampleReadLatencies(workload: Workload): ReadLatencySamples {
  const cache = createLatencyModel(workload.cache.latency, createRandom(workload.seed, Stream.cacheLatency))
  const origin = createLatencyModel(workload.origin.latency, createRandom(workload.seed, Stream.originLatency))
  const hits = new Float64Array(DRAWS)
  const misses = new Float64Array(DRAWS)
  for (let i = 0; i < DRAWS; i++) {
    hits[i] = cache.sample()
    misses[i] = cache.sample() + origin.sample() + cache.sample()
  }
  const all = new Float64Array(2 * DRAWS)
  all.set(hits)
  all.set(misses, DRAWS)
  return {hits: hits.sort(), misses: misses.sort(), all: all.sort()}
}

/** Fraction of `sorted` at or below x. */
function cdf(sorted: Float64Array, x: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle] <= x) low = middle + 1
    else high = middle
  }
  return low / sorted.length
}

/** The p99 of reads that miss with probability `missRatio`: the smallest drawn latency where the mixture's CDF reaches 0.99. */
export function readP99(samples: ReadLatencySamples, missRatio: number): number {
  const mixture = (x: number) => (1 - missRatio) * cdf(samples.hits, x) + missRatio * cdf(samples.misses, x)
  const candidates = samples.all
  let low = 0
  let high = candidates.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (mixture(candidates[middle]) >= QUANTILE) high = middle
    else low = middle + 1
  }
  return candidates[low]
}
