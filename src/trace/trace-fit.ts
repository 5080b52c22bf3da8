import {createKeyDistribution} from '../generators/distributions.js'
import {createRandom, Stream} from '../generators/random.js'
import {DepthCounts} from '../mrc/depth-counts.js'
import {RecencyStack} from '../mrc/recency-stack.js'
import {MAX_THETA, type KeyspaceSpec} from '../workload/types.js'
import {missRatioCurve, type TraceStats} from './trace-stats.js'

/** The workload schema takes 0 < θ ≤ MAX_THETA (YCSB's zipfian below 1, an exact Zipf law from 1 up). */
const MIN_THETA = 0.01
/** The fitted workload's curve is drawn from at most this many requests: enough for a smooth curve, bounded time. */
const MAX_SYNTHETIC_REQUESTS = 2_000_000

export interface TraceFit {
  /** The workload file, as a document ready to be written as YAML. */
  workload: Record<string, unknown>
  theta: number
  /** θ as fitted, before being brought into the schema's range. */
  fittedTheta: number
  /** Mean absolute difference of the LRU miss ratio, trace against fitted workload, over the curve's cache sizes. */
  missRatioError: number
  curve: {items: number; trace: number; fitted: number}[]
}

/** A synthetic workload that mimics a trace: its keys and skew, value sizes, mix and rate. */
export function fitTrace(stats: TraceStats, name: string, seed = 1): TraceFit {
  const theta = Math.min(MAX_THETA, Math.max(MIN_THETA, stats.zipfTheta))
  const keyspace = {count: Math.max(1, stats.distinctKeys), distribution: 'zipfian' as const, theta: round(theta, 4)}
  const curve = fittedCurve(stats, keyspace, seed)
  const missRatioError = curve.reduce((sum, point) => sum + Math.abs(point.trace - point.fitted), 0) / curve.length
  const {reads, writes, deletes} = stats.operations
  const percent = (count: number) => round((100 * count) / stats.requests, 2)
  const mean = stats.valueBytes.mean
  const workload: Record<string, unknown> = {
    version: 1,
    name,
    description: `Fitted to ${stats.file} (${stats.format}): ${stats.requests} requests over ${stats.distinctKeys} keys, Zipf θ ${round(stats.zipfTheta, 3)}; its LRU miss-ratio curve is within ${round(missRatioError, 4)} of the trace's (mean absolute error).`,
    seed,
    keyspace,
    values: {size: mean > 0 ? valueSizes(stats) : '100B'},
    mix: {read: percent(reads), write: percent(writes), delete: percent(deletes)},
    strategy: {name: 'lazy-loading'},
    load: {
      operations: stats.requests,
      ...(stats.meanRequestsPerSecond === null ? {} : {rate: `${round(stats.meanRequestsPerSecond, 2)}/s`}),
    },
  }
  return {workload, theta: keyspace.theta, fittedTheta: stats.zipfTheta, missRatioError, curve}
}

function valueSizes(stats: TraceStats): Record<string, unknown> | string {
  const {mean, max} = stats.valueBytes
  const stddev = Math.round(stats.valueBytes.stddev)
  if (stddev === 0) return `${Math.round(mean)}B`
  return {distribution: 'normal', mean: `${Math.round(mean)}B`, stddev: `${stddev}B`, min: '1B', max: `${max}B`}
}

function fittedCurve(stats: TraceStats, keyspace: Pick<KeyspaceSpec, 'count' | 'distribution' | 'theta'>, seed: number) {
  const keys = createKeyDistribution(
    {...keyspace, hotspot: {hotFraction: 0.2, hotOpFraction: 0.8}, exponential: {percentile: 95, fraction: 0.8571428571}},
    createRandom(seed, Stream.keys),
  )
  const stack = new RecencyStack(keyspace.count, false)
  const depths = new DepthCounts()
  const requests = Math.min(stats.requests, MAX_SYNTHETIC_REQUESTS)
  for (let index = 0; index < requests; index++) depths.record(stack.access(keys.nextKey(), 0).items)
  const fitted = missRatioCurve(depths, stats.distinctKeys)
  return stats.lruMissRatio.map((point, index) => ({items: point.items, trace: point.missRatio, fitted: fitted[index].missRatio}))
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
