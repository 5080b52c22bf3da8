import type {Workload} from '../../src/workload/types.js'

type DeepPartial<T> = {[K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K]}

/** A complete workload built in code, for tests that exercise the runner without a file. */
export function testWorkload(overrides: DeepPartial<Workload> = {}): Workload {
  const base: Workload = {
    version: 1,
    name: 'test',
    description: null,
    seed: 7,
    keyspace: {
      count: 1000,
      distribution: 'uniform',
      theta: 0.99,
      hotspot: {hotFraction: 0.2, hotOpFraction: 0.8},
      exponential: {percentile: 95, fraction: 0.8571428571},
    },
    values: {distribution: 'fixed', bytes: 100},
    mix: {read: 1, write: 0, delete: 0},
    structures: {
      sortedSets: {keys: 4, members: 10_000, top: 10, increment: 1},
      hashes: {fields: 8, ttlMs: 1_800_000},
      lists: {keys: 16, maxLength: 100, range: 20},
    },
    strategy: {name: 'lazy-loading', ttlMs: null, ttlJitter: 0, invalidateOnWrite: false, flushDelayMs: 1000, refreshAt: 0.2, singleFlight: false, lease: null},
    origin: {latency: {distribution: 'fixed', ms: 1}, writeLatency: null, concurrency: 64},
    cache: {model: 'ideal', maxItems: null, capacityBytes: null, eviction: 'lru', latency: {distribution: 'fixed', ms: 0}},
    load: {concurrency: 1, rate: null, arrival: 'constant', maxInFlight: 10_000, operations: 10_000, durationMs: null, warmup: {operations: 0}},
    thresholds: [],
    file: null,
  }
  return merge(base, overrides) as Workload
}

function merge(base: unknown, overrides: unknown): unknown {
  if (overrides === undefined) return base
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return overrides
  if (typeof overrides !== 'object' || overrides === null) return overrides
  const out: Record<string, unknown> = {...(base as Record<string, unknown>)}
  for (const [key, value] of Object.entries(overrides)) out[key] = merge(out[key], value)
  return out
}
