import {expect} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {Workload} from '../../src/workload/types.js'
import {testWorkload} from './workload.js'

/**
 * 2,000 keys, 80/20 lazy loading, no TTL, one operation at a time: hits, misses and stale reads
 * depend on the operation sequence alone, so a real server must give the builtin's counts exactly.
 * 5,000 operations already hold every kind of outcome by the hundreds (about 3,000 hits, 950
 * misses, 2,200 stale reads: see builtinBaseline), and each one is a round trip to a real server.
 */
export const PARITY_OPERATIONS = 5000

export function fitsInMemory(seed: number): Workload {
  return testWorkload({
    seed,
    keyspace: {count: 2000, distribution: 'zipfian'},
    mix: {read: 0.8, write: 0.2, delete: 0},
    strategy: {name: 'lazy-loading', ttlMs: null},
    origin: {latency: {distribution: 'fixed', ms: 0}},
    load: {concurrency: 1, operations: PARITY_OPERATIONS, warmup: {operations: 0}},
  })
}

/** The same workload as a file, for tests through the command line. */
export function fitsInMemoryYaml(seed: number, name: string): string {
  return `version: 1
name: ${name}
seed: ${seed}
keyspace: {count: 2000, distribution: zipfian}
values: {size: 100B}
mix: {read: 80, write: 20}
strategy: {name: lazy-loading}
origin: {latency: 0ms}
load: {concurrency: 1, operations: ${PARITY_OPERATIONS}, warmup: 0}
`
}

/** The builtin target's counts for `workload`, checked to contain every kind of outcome. */
export async function builtinBaseline(workload: Workload): Promise<Result> {
  const builtin = await runWorkload(workload)
  // Comparisons against it mean something only if every kind of outcome occurs.
  expect(builtin.summary.hits).toBeGreaterThan(1000)
  expect(builtin.summary.misses).toBeGreaterThan(100)
  expect(builtin.summary.staleReads).toBeGreaterThan(100)
  return builtin
}

/** Writes every one of `keys` keys once (cache-only, sequential), to be read back by `readsOfPreloaded`. */
export function preloadWorkload(keys: number): Workload {
  return testWorkload({
    keyspace: {count: keys, distribution: 'sequential'},
    mix: {read: 0, write: 1, delete: 0},
    strategy: {name: 'cache-only'},
    load: {concurrency: 32, operations: keys, warmup: {operations: 0}},
  })
}

/** Reads of preloaded keys in readsOfPreloaded: enough for hundreds of full 16-command batches at concurrency 32. */
export const PRELOADED_READS = 5000

/** Cache-only reads of preloaded keys at concurrency 32: whatever the order, every one must hit. */
export function readsOfPreloaded(keys: number): Workload {
  return testWorkload({
    keyspace: {count: keys, distribution: 'uniform'},
    strategy: {name: 'cache-only'},
    load: {concurrency: 32, operations: PRELOADED_READS, warmup: {operations: 0}},
  })
}
