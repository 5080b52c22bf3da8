/**
 * The workload after loading: defaults filled in, units resolved (milliseconds, bytes,
 * operations per second), aliases replaced by canonical names, mix weights normalised.
 * Everything below src/workload consumes this shape, never the raw file.
 */

export const DISTRIBUTION_NAMES = [
  'uniform',
  'zipfian',
  'scrambled-zipfian',
  'hotspot',
  'latest',
  'sequential',
  'exponential',
] as const
export type DistributionName = (typeof DISTRIBUTION_NAMES)[number]

export interface KeyspaceSpec {
  count: number
  distribution: DistributionName
  /** Skew of the zipfian family, 0 < theta < 1 (YCSB's constant is 0.99). */
  theta: number
  hotspot: {hotFraction: number; hotOpFraction: number}
  /** Rate parameter of `exponential`: the fraction of keys that receive ~95% of operations. */
  exponential: {percentile: number; fraction: number}
}

export type ValueSizeSpec =
  | {distribution: 'fixed'; bytes: number}
  | {distribution: 'uniform'; minBytes: number; maxBytes: number}
  | {distribution: 'normal'; meanBytes: number; stddevBytes: number; minBytes: number; maxBytes: number}

export const OPERATION_KINDS = ['read', 'write', 'delete'] as const
export type OperationKind = (typeof OPERATION_KINDS)[number]

/** Fractions that sum to 1. */
export type MixSpec = Record<OperationKind, number>

export const STRATEGY_NAMES = ['none', 'lazy-loading', 'write-through', 'cache-only'] as const
export type StrategyName = (typeof STRATEGY_NAMES)[number]

export interface StrategySpec {
  name: StrategyName
  ttlMs: number | null
  /** Each TTL is drawn uniformly from ttl × [1 − jitter, 1 + jitter]. */
  ttlJitter: number
  invalidateOnWrite: boolean
}

export type LatencySpec =
  | {distribution: 'fixed'; ms: number}
  | {distribution: 'uniform'; minMs: number; maxMs: number}
  | {distribution: 'lognormal'; medianMs: number; p99Ms: number}

export interface OriginSpec {
  latency: LatencySpec
  /** Separate write latency; the read latency model when absent. */
  writeLatency: LatencySpec | null
  concurrency: number
}

export const EVICTION_POLICY_NAMES = ['lru', 'lfu', 'fifo'] as const
export type EvictionPolicyName = (typeof EVICTION_POLICY_NAMES)[number]

export interface CacheSpec {
  maxItems: number | null
  capacityBytes: number | null
  eviction: EvictionPolicyName
  /** Modelled latency of one cache command on the builtin target (e.g. a network hop). */
  latency: LatencySpec
}

export type WarmupSpec = {operations: number} | {durationMs: number}

export interface LoadSpec {
  concurrency: number
  /** Total operations, warm-up included (so warm-up < operations). Exactly one of operations / durationMs is set. */
  operations: number | null
  durationMs: number | null
  /** The first operations (or the first span of time) of the load, excluded from every figure. */
  warmup: WarmupSpec
}

export interface Workload {
  version: 1
  name: string
  description: string | null
  seed: number
  keyspace: KeyspaceSpec
  values: ValueSizeSpec
  mix: MixSpec
  strategy: StrategySpec
  origin: OriginSpec
  cache: CacheSpec
  load: LoadSpec
  thresholds: string[]
  /** Where it came from: a path, or null when built in code. */
  file: string | null
}
