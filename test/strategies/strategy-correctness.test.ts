import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {StrategySpec} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

/** Half writes over skewed keys with slow origin reads, so reads racing writes are common. */
function writeHeavy(strategy: Partial<StrategySpec>) {
  return testWorkload({
    seed: 11,
    keyspace: {count: 2000, distribution: 'zipfian', theta: 0.99},
    mix: {read: 0.5, write: 0.5, delete: 0},
    strategy: {ttlMs: 60_000, ...strategy},
    origin: {latency: {distribution: 'lognormal', medianMs: 4, p99Ms: 30}, writeLatency: {distribution: 'fixed', ms: 2}},
    cache: {latency: {distribution: 'fixed', ms: 0.2}},
    load: {operations: 40_000, warmup: {operations: 5_000}, concurrency: 16},
  })
}

function readHeavy(ttlMs: number) {
  return testWorkload({
    seed: 5,
    keyspace: {count: 5000, distribution: 'zipfian', theta: 0.99},
    mix: {read: 0.95, write: 0.05, delete: 0},
    strategy: {name: 'lazy-loading', ttlMs},
    origin: {latency: {distribution: 'fixed', ms: 5}},
    cache: {latency: {distribution: 'fixed', ms: 0.2}},
    load: {operations: 60_000, warmup: {operations: 10_000}, concurrency: 16},
  })
}

describe('strategies against each other on the same seeded workload', () => {
  it('write-through is never staler than lazy-loading, and invalidateOnWrite is never staler than without', async () => {
    const lazy = (await runWorkload(writeHeavy({name: 'lazy-loading'}))).summary
    const invalidating = (await runWorkload(writeHeavy({name: 'lazy-loading', invalidateOnWrite: true}))).summary
    const through = (await runWorkload(writeHeavy({name: 'write-through'}))).summary
    // Without invalidation a written key stays stale until its 60 s TTL: most reads of hot keys.
    expect(lazy.staleRatio).toBeGreaterThan(0.1)
    expect(through.staleRatio).toBeLessThanOrEqual(lazy.staleRatio)
    expect(invalidating.staleRatio).toBeLessThanOrEqual(lazy.staleRatio)
    // Only reads racing a write can be stale when the write updates or drops the entry.
    expect(through.staleRatio).toBeLessThan(lazy.staleRatio / 10)
    expect(invalidating.staleRatio).toBeLessThan(lazy.staleRatio / 10)
    // Write-through pays for freshness with a cache set per write.
    expect(through.cache.sets).toBeGreaterThan(lazy.cache.sets + through.writes * 0.9)
  })

  it('on a read-heavy workload a shorter TTL gives fewer stale reads and a lower hit ratio', async () => {
    const short = (await runWorkload(readHeavy(50))).summary
    const long = (await runWorkload(readHeavy(5_000))).summary
    expect(short.staleReads).toBeLessThan(long.staleReads)
    expect(short.hitRatio).toBeLessThan(long.hitRatio)
    // A stale copy lives at most one TTL after the write it missed (histograms keep 3 digits).
    expect(short.stalenessMs.max).toBeLessThanOrEqual(50 * 1.001)
    expect(long.stalenessMs.max).toBeGreaterThan(50)
  })

  it('none sends every read to the origin (offload 0) and its read p50 is at least the origin latency', async () => {
    const result = await runWorkload({...readHeavy(1000), strategy: {...readHeavy(1000).strategy, name: 'none', ttlMs: null}})
    expect(result.summary.origin.reads).toBe(result.summary.reads)
    expect(result.summary.origin.readsAvoided).toBe(0)
    expect(result.summary.hits).toBe(0)
    expect(result.latencyMs.read!.p50).toBeGreaterThanOrEqual(5)
  })
})
