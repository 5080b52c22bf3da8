import {grownFloat64} from '../engine/typed-array-growth.js'
import {DepthCounts} from '../mrc/depth-counts.js'
import {RecencyStack} from '../mrc/recency-stack.js'
import {RateSeries} from './rate-series.js'
import {SizeCounts} from './size-percentiles.js'
import {openRequestStream} from './request-stream.js'
import type {TraceInput, TraceLosses} from './trace-requests.js'
import {fitZipfTheta} from './zipf-fit.js'
import {FIRST_TICK_MS, tickWith} from './timestamp-tick.js'
import {InputError} from '../errors.js'
import {noRequests} from './describe-trace.js'

export const TRACE_STATS_SCHEMA = 'cache-bench.trace-stats/v1'

export interface SizePercentiles {
  p50: number
  p90: number
  p99: number
  max: number
  mean: number
  stddev: number
}

export interface TraceStats {
  schema: typeof TRACE_STATS_SCHEMA
  file: string
  format: string
  requests: number
  distinctKeys: number
  /** Keys requested exactly once. */
  oneHitWonders: number
  oneHitWonderRatio: number
  operations: {reads: number; writes: number; deletes: number}
  losses: TraceLosses
  keyBytes: SizePercentiles
  /** Over the requests that give a value size. */
  valueBytes: SizePercentiles
  /** First to last request in the trace's time; null without timestamps. */
  spanMs: number | null
  /**
   * Requests per second over the time the trace covers: its span plus one tick of its timestamps
   * (timestamp-tick.ts). A span alone counted 20 seconds of 1,000 requests as 1,053 a second,
   * above every second's rate.
   */
  meanRequestsPerSecond: number | null
  requestRate: {atMs: number; perSecond: number}[]
  /** Re-accesses by LRU stack distance (distinct keys in between), in powers of two; first accesses apart. */
  reuseDistance: {firstAccesses: number; buckets: {from: number; to: number; count: number}[]}
  /** Maximum-likelihood Zipf exponent of key popularity. */
  zipfTheta: number
  /** The trace's exact LRU miss-ratio curve at cache sizes in items. */
  lruMissRatio: {items: number; missRatio: number}[]
}

/** One pass over a trace for everything `trace stats` and `trace fit` report. */
export function traceStats(input: TraceInput): TraceStats {
  const requests = openRequestStream(input)
  const stack = new RecencyStack('dense', false)
  const depths = new DepthCounts()
  const keySizes = new SizeCounts()
  const valueSizes = new SizeCounts()
  const rate = new RateSeries()
  const operations = {read: 0, write: 0, delete: 0}
  // Doubles: one key's requests can pass 2^31 (a few lines of op_count in the billions).
  let perKey: Float64Array = new Float64Array(1024)
  // The span runs from the earliest time to the latest: a trace's clock can step back (merged
  // logs, clients' own clocks), and first-to-last would then come out short or negative.
  let earliest = Number.NaN
  let latest = Number.NaN
  let tickMs = FIRST_TICK_MS
  try {
    while (requests.next()) {
      const key = requests.keyId
      // A request and its repeats (op_count) at once: each repeat meets its key on top of the stack.
      const repeats = requests.skipRepeats()
      const times = 1 + repeats
      operations[requests.operation] += times
      if (key >= perKey.length) perKey = grownFloat64(perKey, perKey.length * 2, 0)
      perKey[key] += times
      depths.record(stack.access(key, 0).items)
      if (repeats > 0) depths.record(stack.access(key, 0).items, repeats)
      keySizes.add(requests.keyBytes, times)
      if (requests.valueBytes > 0) valueSizes.add(requests.valueBytes, times)
      const time = requests.timeMs
      if (time === time) {
        if (!(time >= earliest)) earliest = time
        if (!(time <= latest)) latest = time
        tickMs = tickWith(tickMs, time)
        rate.add(time, times)
      }
    }
  } finally {
    requests.close()
  }
  const distinctKeys = requests.keyCount()
  const counts = perKey.subarray(0, distinctKeys)
  let oneHit = 0
  for (const count of counts) if (count === 1) oneHit++
  const total = operations.read + operations.write + operations.delete
  // Nothing to describe: no skew, no curve (they read θ 0.000 and 0% misses), as a replay refuses it.
  if (total === 0) throw new InputError(noRequests(input))
  const spanMs = earliest === earliest ? latest - earliest : null
  return {
    schema: TRACE_STATS_SCHEMA,
    file: input.file,
    format: input.format,
    requests: total,
    distinctKeys,
    oneHitWonders: oneHit,
    oneHitWonderRatio: distinctKeys === 0 ? 0 : oneHit / distinctKeys,
    operations: {reads: operations.read, writes: operations.write, deletes: operations.delete},
    losses: requests.losses,
    keyBytes: percentiles(keySizes),
    valueBytes: percentiles(valueSizes),
    spanMs,
    meanRequestsPerSecond: spanMs === null || spanMs + tickMs === 0 ? null : (total * 1000) / (spanMs + tickMs),
    requestRate: rate.points(),
    reuseDistance: {firstAccesses: depths.cold, buckets: depths.log2Buckets()},
    zipfTheta: fitZipfTheta(counts),
    lruMissRatio: missRatioCurve(depths, distinctKeys),
  }
}

/** About 24 cache sizes, evenly spread on a log scale from 1 item to every distinct key. */
export function curveSizes(distinctKeys: number): number[] {
  const sizes = new Set<number>()
  const steps = 24
  for (let step = 0; step <= steps; step++) sizes.add(Math.max(1, Math.round(distinctKeys ** (step / steps))))
  return [...sizes].sort((a, b) => a - b)
}

export function missRatioCurve(depths: DepthCounts, distinctKeys: number): {items: number; missRatio: number}[] {
  const sizes = curveSizes(distinctKeys)
  const ratios = depths.missRatios(sizes)
  return sizes.map((items, index) => ({items, missRatio: ratios[index]}))
}

function percentiles(sizes: SizeCounts): SizePercentiles {
  const [p50, p90, p99, max] = sizes.quantiles([0.5, 0.9, 0.99, 1])
  return {p50, p90, p99, max, mean: sizes.mean(), stddev: sizes.stddev()}
}
