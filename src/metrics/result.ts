/**
 * The result document, `cache-bench.result/v1` (DESIGN §6). Field names and units are a
 * contract with pipelines: add beside them, never rename. Latencies in milliseconds, ratios 0..1.
 */

export const RESULT_SCHEMA = 'cache-bench.result/v1'

export interface LatencySummary {
  count: number
  mean: number
  p50: number
  p90: number
  p99: number
  p999: number
  max: number
  min: number
}

/** Application-level operations and the steps they are made of. */
export const LATENCY_NAMES = [
  'read',
  'write',
  'delete',
  'cache.get',
  'cache.set',
  'cache.delete',
  'origin.read',
  'origin.write',
] as const
export type LatencyName = (typeof LATENCY_NAMES)[number]

export interface ThresholdOutcome {
  expression: string
  /** The measured value in the expression's unit (ms for latencies), null when not measured. */
  actual: number | null
  pass: boolean
}

export interface Summary {
  operations: number
  /** Operations per second of (simulated, on the builtin target) run time. */
  throughput: number
  /** Cache commands that failed; the operation went on without the cache (a failed get reads the origin). */
  errors: number
  errorsByKind: {timeout: number; connection: number; server: number}
  reads: number
  writes: number
  deletes: number
  hits: number
  misses: number
  /** hits / (hits + misses): reads answered from cache. */
  hitRatio: number
  staleReads: number
  /** staleReads / reads. */
  staleRatio: number
  stalenessMs: {p50: number; p99: number; max: number; mean: number}
  origin: {
    reads: number
    writes: number
    /** 1 − origin reads / reads. */
    readsAvoided: number
    /** Peak number of origin queries in flight and queued at once. */
    peakConcurrency: number
    queuedMs: {p50: number; p99: number; max: number}
  }
  cache: {
    sets: number
    deletes: number
    evictions: number
    expirations: number
    /** Sets never read before an overwrite, delete, eviction or expiry. */
    wastedWrites: number
    /** Items and bytes held at the end of the run, where the target can tell. */
    items: number | null
    bytes: number | null
  }
}

export interface Result {
  schema: typeof RESULT_SCHEMA
  tool: {name: string; version: string}
  workload: {name: string; file: string | null; description: string | null}
  /** `keyPrefix` and `keysDeleted` only for real servers. */
  target: {kind: string; url: string; keyPrefix?: string; keysDeleted?: number}
  strategy: {name: string; ttlMs: number | null; ttlJitter: number; invalidateOnWrite: boolean}
  seed: number
  /** `virtual`: builtin target, latencies come from the workload's models; `real`: wall clock. */
  clock: 'virtual' | 'real'
  startedAt: string
  /** Measured span (warm-up excluded), in the run's clock. */
  durationMs: number
  /** Wall-clock time the whole run took, warm-up included. */
  wallMs: number
  complete: boolean
  load: {concurrency: number; operations: number; warmupOperations: number}
  summary: Summary
  latencyMs: Partial<Record<LatencyName, LatencySummary>>
  /** Things the reader of the figures should know (a failed cleanup, cache errors…). */
  warnings: string[]
  thresholds: ThresholdOutcome[]
}
