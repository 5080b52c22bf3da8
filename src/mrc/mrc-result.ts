import type {SizeUnit} from './size-grid.js'

/** The miss-ratio curve document (docs/contracts.md, Miss-ratio curves and capacity plans): names and units are a contract with pipelines. */
export const MRC_SCHEMA = 'cache-bench.mrc/v1'

/**
 * `exact-lru`: stack distances, one pass; `shards-fixed-rate` / `shards-fixed-size`: SHARDS
 * spatial sampling of the same; `simulation`: a run of the built-in engine at each size (a
 * miniature one, on a spatial sample of the keys, when `sampling` is set).
 */
export type MrcMethod = 'exact-lru' | 'shards-fixed-rate' | 'shards-fixed-size' | 'simulation'

export interface MrcPoint {
  /** Items (`cache.maxItems`), when the curve counts items. */
  size?: number
  /** Bytes (`cache.capacity`), when the curve counts bytes. */
  capacityBytes?: number
  hitRatio: number
  missRatio: number
  /** Origin reads the misses cause per second, at the workload's request rate; null when it has none (closed loop). */
  originReadsPerSec: number | null
  /** Simulation only: read latency p99 (ms) and stale ratio at this size. */
  readP99Ms?: number
  staleRatio?: number
  /** Simulation only: reads measured in the run. */
  reads?: number
}

export interface MrcSampling {
  /** The sampling rate at the end (fixed-size lowers it as keys arrive). */
  rate: number
  sampledKeys: number
  maxKeys?: number
  /** A rough bound on the error of each hit ratio. */
  expectedError: number
}

export interface MrcResult {
  schema: typeof MRC_SCHEMA
  tool: {name: string; version: string}
  workload: {name: string; file: string | null}
  strategy: {name: string; ttlMs: number | null}
  cache: {model: string; eviction: string}
  seed: number
  unit: SizeUnit
  method: MrcMethod
  /** Why the stack-distance method could not be used, when it was not. */
  methodReason: string | null
  sampling: MrcSampling | null
  /** Operations replayed (warm-up included) and warm-up operations; measured reads. */
  requests: number
  warmup: number
  reads: number
  /** Reads per second the curve's origin load is computed from; null in a closed loop. */
  readsPerSec: number | null
  points: MrcPoint[]
  elapsedMs: number
}

/** The point's size in its curve's unit. */
export function pointSize(point: MrcPoint): number {
  return (point.size ?? point.capacityBytes) as number
}

export function sizedPoint(unit: SizeUnit, size: number, figures: Omit<MrcPoint, 'size' | 'capacityBytes'>): MrcPoint {
  return unit === 'items' ? {size, ...figures} : {capacityBytes: size, ...figures}
}
