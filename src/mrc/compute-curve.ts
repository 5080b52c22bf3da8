import {performance} from 'node:perf_hooks'
import {InputError} from '../errors.js'
import {TOOL} from '../version.js'
import type {Workload} from '../workload/types.js'
import {stackDistanceObstacle, streamLengthOf} from './cache-accesses.js'
import {curveRefusal} from './curve-workload.js'
import {engineModelOf} from './engine-model.js'
import {exactLruCounts, type HitCounts, type SizeGrid} from './exact-lru.js'
import {fullScalePoint, miniatureOf, miniatureSize} from './miniature.js'
import {MRC_SCHEMA, sizedPoint, type MrcMethod, type MrcPoint, type MrcResult, type MrcSampling} from './mrc-result.js'
import {shardsCounts} from './shards.js'
import {defaultThreads, simulateSizes} from './simulation-pool.js'
import type {CurveSizes} from './size-grid.js'

export interface CurveOptions {
  sizes: CurveSizes
  /** SHARDS: sample this fraction of the keys (fixed-rate), or start from it (fixed-size, with maxKeys); simulations: a miniature simulation at this rate. */
  sampleRate?: number
  /** SHARDS fixed-size: track at most this many keys. */
  sampleKeys?: number
  /** Simulate every size even where stack distances would do. */
  simulate?: boolean
  /** Worker threads for simulation. */
  threads?: number
  onProgress?: (done: number, total: number) => void
}

/** Reads per second the workload asks for, from an open loop's rate or a paced trace's; null in a closed loop. */
export function readsPerSecond(workload: Workload): number | null {
  const rate = workload.load.rate ?? workload.trace?.traits?.requestsPerSec ?? null
  return rate === null ? null : rate * workload.mix.read
}

/**
 * The hit and miss ratio at every size: by stack distances in one pass when the workload's
 * cache is an exact LRU that only evictions empty (SHARDS-sampled when asked), otherwise by
 * simulating each size on worker threads.
 */
export async function computeCurve(workload: Workload, options: CurveOptions): Promise<MrcResult> {
  const started = performance.now()
  const refusal = curveRefusal(workload)
  if (refusal !== null) throw new InputError(refusal)
  const {unit, values} = options.sizes
  if (options.sampleRate !== undefined && !(options.sampleRate > 0 && options.sampleRate <= 1)) {
    throw new InputError(`--sample must be a fraction in (0, 1], e.g. 0.01 (got ${options.sampleRate}).`)
  }
  if (options.sampleKeys !== undefined && !(Number.isInteger(options.sampleKeys) && options.sampleKeys >= 1)) {
    throw new InputError(`--sample-keys must be a whole number ≥ 1 (got ${options.sampleKeys}).`)
  }
  const obstacle = options.simulate ? 'simulation was asked for' : stackDistanceObstacle(workload, unit)
  const readsPerSec = readsPerSecond(workload)
  const base = {
    schema: MRC_SCHEMA,
    tool: TOOL,
    workload: {name: workload.name, file: workload.file},
    strategy: {name: workload.strategy.name, ttlMs: workload.strategy.ttlMs},
    cache: {model: engineModelOf(workload), eviction: workload.cache.eviction},
    seed: workload.seed,
    unit,
    readsPerSec,
  } as const
  const length = streamLengthOf(workload)
  if (obstacle !== null) {
    if (options.sampleKeys !== undefined) {
      throw new InputError(`--sample-keys needs the stack-distance method, which this workload cannot use: ${obstacle}. Use --sample for a miniature simulation.`)
    }
    const threads = options.threads ?? defaultThreads(values.length)
    const progress = (done: number) => options.onProgress?.(done, values.length)
    const rate = options.sampleRate
    const reads = Math.round((length.requests - length.warmup) * workload.mix.read)
    const simulated = {...base, method: 'simulation', methodReason: obstacle, ...length, reads} as const
    if (rate === undefined || rate === 1) {
      const points = await simulateSizes(workload, unit, values, threads, progress)
      // Every size replays one stream of operations, so each point counts the same reads: the
      // curve's are those counted, not the mix's expectation (47,444 measured against 47,500).
      return {...simulated, reads: points[0]?.reads ?? reads, sampling: null, points, elapsedMs: performance.now() - started}
    }
    const miniature = miniatureOf(workload, rate)
    const small = await simulateSizes(miniature.workload, unit, values.map((size) => miniatureSize(size, rate)), threads, progress)
    const points = small.map((point, index) => fullScalePoint(point, unit, values[index], rate, {reads, readsPerSec}))
    return {...simulated, sampling: miniature.sampling, points, elapsedMs: performance.now() - started}
  }
  const grid: SizeGrid = unit === 'items' ? {items: values, bytes: []} : {items: [], bytes: values}
  let counts: HitCounts
  let method: MrcMethod = 'exact-lru'
  let sampling: MrcSampling | null = null
  if (options.sampleKeys !== undefined) {
    const sampled = shardsCounts(workload, length, grid, {kind: 'fixed-size', rate: options.sampleRate ?? 1, maxKeys: options.sampleKeys})
    ;[counts, method] = [sampled, 'shards-fixed-size']
    sampling = {rate: sampled.rate, sampledKeys: sampled.sampledKeys, maxKeys: options.sampleKeys, expectedError: sampled.expectedError}
  } else if (options.sampleRate !== undefined) {
    const sampled = shardsCounts(workload, length, grid, {kind: 'fixed-rate', rate: options.sampleRate})
    ;[counts, method] = [sampled, 'shards-fixed-rate']
    sampling = {rate: sampled.rate, sampledKeys: sampled.sampledKeys, expectedError: sampled.expectedError}
  } else {
    counts = exactLruCounts(workload, length, grid)
  }
  const hits = unit === 'items' ? counts.hitsByItems : counts.hitsByBytes
  const points = values.map((size, index) => pointFromHits(unit, size, hits[index], counts.reads, readsPerSec))
  return {...base, method, methodReason: null, sampling, ...length, reads: counts.reads, points, elapsedMs: performance.now() - started}
}

function pointFromHits(unit: CurveSizes['unit'], size: number, hits: number, reads: number, readsPerSec: number | null): MrcPoint {
  // SHARDS estimates may stray a little outside [0, 1]; a ratio may not.
  const hitRatio = reads > 0 ? Math.min(1, Math.max(0, hits / reads)) : 0
  return sizedPoint(unit, size, {hitRatio, missRatio: 1 - hitRatio, originReadsPerSec: readsPerSec === null ? null : readsPerSec * (1 - hitRatio)})
}
