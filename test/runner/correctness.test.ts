import {describe, expect, it} from 'vitest'
import {createOperationMix} from '../../src/generators/operation-mix.js'
import {createRandom, Stream} from '../../src/generators/random.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'

/** Che's approximation of LRU's hit ratio for independent requests with popularities p. */
function cheHitRatio(p: number[], capacity: number): number {
  const occupancy = (t: number) => p.reduce((sum, pi) => sum + (1 - Math.exp(-pi * t)), 0)
  let low = 0
  let high = 1
  while (occupancy(high) < capacity) high *= 2
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2
    if (occupancy(mid) < capacity) low = mid
    else high = mid
  }
  const t = (low + high) / 2
  return p.reduce((sum, pi) => sum + pi * (1 - Math.exp(-pi * t)), 0)
}

function zipfPopularities(n: number, theta: number): number[] {
  const weights = Array.from({length: n}, (_, i) => 1 / (i + 1) ** theta)
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => w / total)
}

describe('hit ratio against closed forms', () => {
  it('LRU with uniform keys holds capacity/keys of reads: 0.20 ± 0.01 at 20%', async () => {
    const result = await runWorkload(
      testWorkload({
        keyspace: {count: 10_000, distribution: 'uniform'},
        cache: {maxItems: 2000},
        load: {operations: 250_000, warmup: {operations: 50_000}, concurrency: 8},
      }),
    )
    // Binomial noise on 200k reads is ±0.002; the steady state is exact for LRU under IRM.
    expect(result.summary.reads).toBe(200_000)
    expect(Math.abs(result.summary.hitRatio - 0.2)).toBeLessThan(0.01)
    expect(result.summary.cache.items).toBe(2000)
  })

  it('LRU with zipfian(0.99) keys is within 0.02 of Che’s approximation', async () => {
    const keys = 20_000
    const capacity = 1000
    const expected = cheHitRatio(zipfPopularities(keys, 0.99), capacity)
    const result = await runWorkload(
      testWorkload({
        keyspace: {count: keys, distribution: 'zipfian', theta: 0.99},
        cache: {maxItems: capacity},
        load: {operations: 400_000, warmup: {operations: 100_000}, concurrency: 4},
      }),
    )
    expect(expected).toBeGreaterThan(0.4)
    expect(Math.abs(result.summary.hitRatio - expected)).toBeLessThan(0.02)
  })

  it('every read of the `none` strategy goes to the origin and takes at least its latency', async () => {
    const result = await runWorkload(
      testWorkload({strategy: {name: 'none'}, origin: {latency: {distribution: 'fixed', ms: 3}}, load: {operations: 5000}}),
    )
    expect(result.summary.hits).toBe(0)
    expect(result.summary.origin.reads).toBe(result.summary.reads)
    expect(result.summary.origin.readsAvoided).toBe(0)
    expect(result.latencyMs.read!.p50).toBeGreaterThanOrEqual(3)
  })
})

describe('latency and queueing against the models', () => {
  it('reports the lognormal origin model’s median and p99 when nothing queues', async () => {
    const result = await runWorkload(
      testWorkload({
        strategy: {name: 'none'},
        origin: {latency: {distribution: 'lognormal', medianMs: 5, p99Ms: 40}, concurrency: 64},
        load: {operations: 100_000, concurrency: 16},
      }),
    )
    const read = result.latencyMs.read!
    // 100k samples: the sample median is within ~1% and p99 within ~4% of the model's.
    expect(read.p50).toBeGreaterThan(5 * 0.97)
    expect(read.p50).toBeLessThan(5 * 1.03)
    expect(read.p99).toBeGreaterThan(40 * 0.92)
    expect(read.p99).toBeLessThan(40 * 1.08)
    expect(result.summary.origin.queuedMs.max).toBe(0)
  })

  it('an origin saturated by twice its concurrency shows queueing: Little’s law holds', async () => {
    const result = await runWorkload(
      testWorkload({
        strategy: {name: 'none'},
        origin: {latency: {distribution: 'fixed', ms: 10}, concurrency: 4},
        load: {operations: 4000, concurrency: 8, warmup: {operations: 400}},
      }),
    )
    // 4 servers × 10 ms → 400 ops/s; 8 in flight → each waits one service time: 20 ms.
    expect(result.summary.throughput).toBeCloseTo(400, 0)
    expect(result.latencyMs.read!.p50).toBeCloseTo(20, 1)
    expect(result.latencyMs['origin.read']!.p50).toBeCloseTo(20, 1)
    expect(result.summary.origin.queuedMs.p50).toBeCloseTo(10, 1)
    expect(result.summary.origin.peakConcurrency).toBe(8)
  })
})

describe('staleness', () => {
  const writeHeavy = {
    keyspace: {count: 200, distribution: 'uniform' as const},
    mix: {read: 0.5, write: 0.5, delete: 0},
    load: {operations: 40_000, concurrency: 1, warmup: {operations: 2000}},
  }

  it('write-through at concurrency 1 never serves a stale read', async () => {
    const result = await runWorkload(testWorkload({...writeHeavy, strategy: {name: 'write-through'}}))
    expect(result.summary.reads).toBeGreaterThan(15_000)
    expect(result.summary.staleReads).toBe(0)
  })

  it('lazy-loading without invalidation or TTL serves stale reads, and a shorter TTL fewer', async () => {
    const run = (ttlMs: number | null) =>
      runWorkload(testWorkload({...writeHeavy, strategy: {name: 'lazy-loading', ttlMs}}))
    const [noTtl, longTtl, shortTtl] = await Promise.all([run(null), run(500), run(20)])
    expect(noTtl.summary.staleReads).toBeGreaterThan(0)
    expect(longTtl.summary.staleReads).toBeLessThan(noTtl.summary.staleReads)
    expect(shortTtl.summary.staleReads).toBeLessThan(longTtl.summary.staleReads)
    expect(shortTtl.summary.hitRatio).toBeLessThan(longTtl.summary.hitRatio)
    expect(shortTtl.summary.cache.expirations).toBeGreaterThan(0)
    // A stale read can be no older than its TTL plus the read's own origin round trips.
    expect(shortTtl.summary.stalenessMs.max).toBeLessThanOrEqual(20 + 2)
  })

  it('invalidateOnWrite removes stale reads at concurrency 1', async () => {
    const result = await runWorkload(testWorkload({...writeHeavy, strategy: {name: 'lazy-loading', invalidateOnWrite: true}}))
    expect(result.summary.staleReads).toBe(0)
    expect(result.summary.cache.deletes).toBe(result.summary.writes)
  })

  it('counts stale reads and their ages exactly as an independent replay of lazy-loading does', async () => {
    // One key, 1 ms origin, free cache, one operation at a time: time advances 1 ms per origin query.
    const seed = 11
    const operations = 3000
    const result = await runWorkload(
      testWorkload({
        seed,
        keyspace: {count: 1, distribution: 'uniform'},
        mix: {read: 0.7, write: 0.3, delete: 0},
        load: {operations, concurrency: 1},
      }),
    )
    const mix = createOperationMix({read: 0.7, write: 0.3, delete: 0}, createRandom(seed, Stream.mix))
    let now = 0
    let version = 0
    const commitTimes: number[] = [0]
    let cached: number | null = null
    let stale = 0
    let maxAge = 0
    for (let i = 0; i < operations; i++) {
      if (mix.next() === 'write') {
        now += 1
        commitTimes[++version] = now
        continue
      }
      if (cached === null) {
        now += 1
        cached = version
      }
      if (cached < version) {
        stale++
        maxAge = Math.max(maxAge, now - commitTimes[cached + 1])
      }
    }
    expect(result.summary.staleReads).toBe(stale)
    expect(result.summary.stalenessMs.max).toBe(maxAge)
    expect(result.durationMs).toBe(now)
  })
})

describe('determinism', () => {
  it('the same seed on the builtin target gives identical counts, at concurrency 1 and 16', async () => {
    for (const concurrency of [1, 16]) {
      const workload = testWorkload({
        keyspace: {count: 5000, distribution: 'zipfian'},
        mix: {read: 0.8, write: 0.15, delete: 0.05},
        strategy: {name: 'lazy-loading', ttlMs: 50, ttlJitter: 0.2},
        origin: {latency: {distribution: 'lognormal', medianMs: 2, p99Ms: 20}, concurrency: 8},
        cache: {maxItems: 500},
        load: {operations: 30_000, concurrency},
      })
      const [a, b] = [await runWorkload(workload), await runWorkload(workload)]
      expect(a.summary).toEqual(b.summary)
      expect(a.latencyMs).toEqual(b.latencyMs)
      const other = await runWorkload({...workload, seed: workload.seed + 1})
      expect(other.summary.hits).not.toBe(a.summary.hits)
    }
  })
})
