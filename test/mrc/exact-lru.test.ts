import {describe, expect, it} from 'vitest'
import {LOOKUP, REMOVE, replayCacheAccesses, stackDistanceObstacle, STORE, type CacheAccessKind} from '../../src/mrc/cache-accesses.js'
import {exactLruCounts} from '../../src/mrc/exact-lru.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {Workload} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

type Access = [CacheAccessKind, number, number, boolean]

/** A plain LRU cache on a Map (insertion order = recency), limited by items or by bytes. */
function simulateLru(accesses: Access[], limit: number, unit: 'items' | 'bytes'): number {
  const cache = new Map<number, number>()
  let used = 0
  let hits = 0
  const cost = (bytes: number) => (unit === 'items' ? 1 : bytes)
  const insert = (key: number, bytes: number) => {
    cache.set(key, bytes)
    used += cost(bytes)
    for (const [oldest, oldBytes] of cache) {
      if (used <= limit) break
      cache.delete(oldest)
      used -= cost(oldBytes)
    }
  }
  const drop = (key: number) => {
    const bytes = cache.get(key)
    if (bytes === undefined) return
    cache.delete(key)
    used -= cost(bytes)
  }
  for (const [kind, key, bytes, measured] of accesses) {
    if (kind === REMOVE) drop(key)
    else if (kind === STORE) {
      drop(key)
      insert(key, bytes)
    } else {
      const cached = cache.get(key)
      if (cached !== undefined) {
        if (measured) hits++
        cache.delete(key)
        cache.set(key, cached)
      } else insert(key, bytes)
    }
  }
  return hits
}

function accessesOf(workload: Workload, requests: number, warmup: number): Access[] {
  const accesses: Access[] = []
  replayCacheAccesses(workload, {requests, warmup}, (kind, key, bytes, measured) => accesses.push([kind, key, bytes, measured]))
  return accesses
}

const ITEM_SIZES = [1, 10, 50, 100, 250, 500, 1000, 1999, 2000, 5000]
const BYTE_SIZES = [200, 5_000, 20_000, 60_000, 150_000, 400_000, 1_000_000]

describe('exact LRU curve by stack distances', () => {
  const workloads: Array<[string, Workload]> = [
    [
      'write-through, 80/20',
      testWorkload({
        keyspace: {count: 2000, distribution: 'zipfian'},
        values: {distribution: 'fixed', bytes: 300},
        mix: {read: 0.8, write: 0.2, delete: 0},
        strategy: {name: 'write-through'},
      }),
    ],
    [
      'lazy loading, reads of values of varying size',
      testWorkload({
        keyspace: {count: 3000, distribution: 'scrambled-zipfian'},
        values: {distribution: 'uniform', minBytes: 100, maxBytes: 600},
        mix: {read: 1, write: 0, delete: 0},
        strategy: {name: 'lazy-loading'},
      }),
    ],
  ]

  for (const [label, workload] of workloads) {
    it(`equals LRU simulation at every size, by items and by bytes: ${label}`, () => {
      const length = {requests: 30_000, warmup: 5_000}
      const accesses = accessesOf(workload, length.requests, length.warmup)
      const reads = accesses.filter(([kind, , , measured]) => kind === LOOKUP && measured).length
      const counts = exactLruCounts(workload, length, {items: ITEM_SIZES, bytes: BYTE_SIZES})
      expect(counts.reads).toBe(reads)
      expect(counts.hitsByItems).toEqual(ITEM_SIZES.map((size) => simulateLru(accesses, size, 'items')))
      expect(counts.hitsByBytes).toEqual(BYTE_SIZES.map((bytes) => simulateLru(accesses, bytes, 'bytes')))
      // The curve says something only if it rises between its ends.
      expect(counts.hitsByItems[0]).toBeLessThan(counts.hitsByItems.at(-1) as number)
    })
  }

  it('gives the hit counts of a one-at-a-time run on the built-in LRU engine at the same size', async () => {
    const workload = testWorkload({
      keyspace: {count: 1000, distribution: 'zipfian'},
      values: {distribution: 'fixed', bytes: 200},
      mix: {read: 0.85, write: 0.15, delete: 0},
      strategy: {name: 'write-through'},
      origin: {latency: {distribution: 'fixed', ms: 0}},
      load: {concurrency: 1, operations: 12_000, warmup: {operations: 2_000}},
    })
    const counts = exactLruCounts(workload, {requests: 12_000, warmup: 2_000}, {items: [100, 400], bytes: [30_000]})
    const byItems = await Promise.all([100, 400].map((maxItems) => runWorkload({...workload, cache: {...workload.cache, maxItems}})))
    const byBytes = await runWorkload({...workload, cache: {...workload.cache, capacityBytes: 30_000}})
    expect(byItems.map((result) => result.summary.hits)).toEqual(counts.hitsByItems)
    expect(byBytes.summary.hits).toBe(counts.hitsByBytes[0])
    expect(byItems[0].summary.reads).toBe(counts.reads)
  })

  it('names what keeps a workload from an exact stack-distance curve', () => {
    const plain = testWorkload({mix: {read: 0.9, write: 0.1, delete: 0}, values: {distribution: 'uniform', minBytes: 1, maxBytes: 9}})
    expect(stackDistanceObstacle(plain, 'items')).toBeNull()
    expect(stackDistanceObstacle(plain, 'bytes')).toBe('writes change the size of values')
    expect(stackDistanceObstacle(testWorkload({mix: {read: 0.9, write: 0, delete: 0.1}}), 'items')).toBe('the mix has deletes')
    expect(stackDistanceObstacle(testWorkload({strategy: {name: 'lazy-loading', ttlMs: 1000}}), 'items')).toBe('entries have a TTL')
    expect(stackDistanceObstacle(testWorkload({cache: {eviction: 'lfu'}}), 'items')).toBe('the eviction policy is lfu')
  })

  it('gives hit ratio size/keys along the whole curve for uniform keys', () => {
    const keys = 5000
    const workload = testWorkload({keyspace: {count: keys, distribution: 'uniform'}})
    const sizes = [250, 1000, 2500, 4000, 4750]
    // Warm-up long enough that every key has been seen (coupon collector: ~keys·ln(keys) ≈ 43k).
    const requests = 400_000
    const counts = exactLruCounts(workload, {requests, warmup: 100_000}, {items: sizes, bytes: []})
    counts.hitsByItems.forEach((hits, index) => {
      const expected = sizes[index] / keys
      // Four standard errors of a proportion over 300k reads.
      const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / counts.reads)
      expect(Math.abs(hits / counts.reads - expected)).toBeLessThan(tolerance)
    })
  })
})
