import {describe, expect, it} from 'vitest'
import {CacheEngine, type CacheEngineOptions} from '../../src/engine/cache-engine.js'
import {createRandom} from '../../src/generators/random.js'
import type {EvictionPolicyName} from '../../src/workload/types.js'

/** A clock the test moves by hand. */
function manualClock(): {now: () => number; advance: (ms: number) => void} {
  let time = 0
  return {now: () => time, advance: (ms) => (time += ms)}
}

function engine(options: Partial<CacheEngineOptions> = {}): CacheEngine {
  return new CacheEngine({maxItems: null, capacityBytes: null, eviction: 'lru', now: () => 0, ...options})
}

/** Bytes of an entry, written out here rather than imported so the engine's formula is checked. */
function expectedItemBytes(key: number, size: number): number {
  return size + `k:${key}`.length + 56
}

describe('CacheEngine basics', () => {
  it('gets what was set, misses what was not, and deletes', () => {
    const cache = engine()
    expect(cache.lookup(7)).toBe(-1)
    cache.set(7, 3, 1500, 100, null)
    const slot = cache.lookup(7)
    expect(slot).toBeGreaterThanOrEqual(0)
    expect(cache.version(slot)).toBe(3)
    expect(cache.committedAt(slot)).toBe(1500)
    expect(cache.size(slot)).toBe(100)
    expect(cache.remainingTtl(slot)).toBe(Infinity)
    expect(cache.delete(7)).toBe(true)
    expect(cache.delete(7)).toBe(false)
    expect(cache.lookup(7)).toBe(-1)
    expect(cache.items).toBe(0)
    expect(cache.bytes).toBe(0)
    expect(cache.counters).toEqual({hits: 1, misses: 2, sets: 1, deletes: 2, evictions: 0, expirations: 0, rejected: 0})
  })

  it('treats keys it never saw (including out-of-table and invalid ids) as misses', () => {
    const cache = engine()
    expect(cache.lookup(5_000_000)).toBe(-1)
    expect(cache.lookup(-1)).toBe(-1)
    expect(cache.lookup(1.5)).toBe(-1)
    expect(cache.delete(5_000_000)).toBe(false)
    expect(cache.counters.misses).toBe(3)
    expect(() => cache.set(-1, 1, 0, 10, null)).toThrow(RangeError)
    expect(() => cache.set(2 ** 31, 1, 0, 10, null)).toThrow(RangeError)
    expect(() => cache.set(1, 1, 0, 1.5, null)).toThrow(RangeError)
  })

  it('overwrites in place: one item, latest value, bytes follow the new size', () => {
    const cache = engine()
    cache.set(1, 1, 10, 100, null)
    cache.set(1, 2, 20, 300, null)
    expect(cache.items).toBe(1)
    expect(cache.bytes).toBe(expectedItemBytes(1, 300))
    const slot = cache.lookup(1)
    expect(cache.version(slot)).toBe(2)
    expect(cache.committedAt(slot)).toBe(20)
    expect(cache.size(slot)).toBe(300)
  })

  it('rejects an item larger than the whole capacity and drops the key’s older value', () => {
    const cache = engine({capacityBytes: 1000})
    cache.set(1, 1, 0, 100, null)
    cache.set(2, 1, 0, 100, null)
    cache.set(1, 2, 0, 1000, null)
    expect(cache.counters.rejected).toBe(1)
    expect(cache.lookup(1)).toBe(-1)
    expect(cache.lookup(2)).toBeGreaterThanOrEqual(0)
    expect(cache.items).toBe(1)
    expect(cache.counters.evictions).toBe(0)
  })

  it('rejects invalid limits', () => {
    expect(() => engine({maxItems: 0})).toThrow(RangeError)
    expect(() => engine({maxItems: 2.5})).toThrow(RangeError)
    expect(() => engine({capacityBytes: 0})).toThrow(RangeError)
  })
})

describe('CacheEngine TTL', () => {
  it('never returns an entry past its TTL and counts one expiration', () => {
    const clock = manualClock()
    const cache = engine({now: clock.now})
    cache.set(1, 1, 0, 10, 100)
    clock.advance(99.5)
    const slot = cache.lookup(1)
    expect(slot).toBeGreaterThanOrEqual(0)
    expect(cache.remainingTtl(slot)).toBeCloseTo(0.5, 12)
    clock.advance(0.5)
    expect(cache.lookup(1)).toBe(-1)
    expect(cache.lookup(1)).toBe(-1)
    expect(cache.counters.expirations).toBe(1)
    expect(cache.counters.misses).toBe(2)
    expect(cache.items).toBe(0)
  })

  it('counts an expired entry found by delete or set as an expiration', () => {
    const clock = manualClock()
    const cache = engine({now: clock.now})
    cache.set(1, 1, 0, 10, 5)
    cache.set(2, 1, 0, 10, 5)
    clock.advance(5)
    expect(cache.delete(1)).toBe(false)
    cache.set(2, 2, 0, 10, null)
    expect(cache.counters.expirations).toBe(2)
    expect(cache.items).toBe(1)
    expect(cache.remainingTtl(cache.lookup(2))).toBe(Infinity)
  })

  it('an overwrite restarts the TTL', () => {
    const clock = manualClock()
    const cache = engine({now: clock.now})
    cache.set(1, 1, 0, 10, 10)
    clock.advance(8)
    cache.set(1, 2, 0, 10, 10)
    clock.advance(8)
    const slot = cache.lookup(1)
    expect(cache.version(slot)).toBe(2)
    expect(cache.remainingTtl(slot)).toBe(2)
  })

  it('counts an expired victim as an expiration, not an eviction', () => {
    const clock = manualClock()
    const cache = engine({maxItems: 2, now: clock.now})
    cache.set(1, 1, 0, 10, 10)
    cache.set(2, 1, 0, 10, null)
    clock.advance(20)
    cache.set(3, 1, 0, 10, null)
    cache.set(4, 1, 0, 10, null)
    expect(cache.counters.expirations).toBe(1)
    expect(cache.counters.evictions).toBe(1)
  })
})

describe('CacheEngine limits', () => {
  it('never exceeds maxItems and counts every eviction', () => {
    const cache = engine({maxItems: 100})
    const random = createRandom(1, 0)
    for (let i = 0; i < 20_000; i++) {
      const key = Math.floor(random.next() * 1000)
      if (cache.lookup(key) < 0) cache.set(key, 1, 0, 10, null)
      expect(cache.items).toBeLessThanOrEqual(100)
    }
    // Every miss inserts one item, and nothing else removes items: inserts − evictions = items.
    expect(cache.counters.misses - cache.counters.evictions).toBe(cache.items)
    expect(cache.items).toBe(100)
  })

  it('never exceeds capacityBytes, with bytes equal to the sum over stored items', () => {
    const capacityBytes = 20_000
    const cache = engine({capacityBytes, eviction: 'lfu'})
    const random = createRandom(2, 0)
    const keys = 500
    for (let i = 0; i < 20_000; i++) {
      const key = Math.floor(random.next() * keys)
      const size = Math.floor(random.next() * 400)
      cache.set(key, i, 0, size, null)
      expect(cache.bytes).toBeLessThanOrEqual(capacityBytes)
    }
    let sum = 0
    let present = 0
    for (let key = 0; key < keys; key++) {
      const slot = cache.lookup(key)
      if (slot < 0) continue
      present++
      sum += expectedItemBytes(key, cache.size(slot))
    }
    expect(present).toBe(cache.items)
    expect(cache.bytes).toBe(sum)
    // Average item ≈ 200 + 5 + 56 bytes, so a 20 kB cache over 500 keys must have evicted.
    expect(cache.counters.evictions).toBeGreaterThan(0)
  })

  it('grows its tables past the initial size when unbounded', () => {
    const cache = engine({eviction: 'lfu'})
    const count = 5000
    for (let key = 0; key < count; key++) cache.set(key * 3, key, 0, 1, null)
    expect(cache.items).toBe(count)
    for (let key = 0; key < count; key++) {
      const slot = cache.lookup(key * 3)
      expect(cache.version(slot)).toBe(key)
    }
    expect(cache.counters.hits).toBe(count)
    expect(cache.counters.evictions).toBe(0)
  })

  it('grows its tables up to, and not past, a maxItems above the initial size', () => {
    for (const eviction of ['lru', 'fifo', 'lfu'] as const) {
      const cache = engine({maxItems: 1500, eviction})
      for (let key = 0; key < 5000; key++) cache.set(key, key, 0, 1, null)
      expect(cache.items).toBe(1500)
      expect(cache.counters.evictions).toBe(3500)
      // No reads: every policy keeps the 1500 most recent insertions.
      expect(cache.lookup(3499)).toBe(-1)
      expect(cache.version(cache.lookup(3500))).toBe(3500)
      expect(cache.version(cache.lookup(4999))).toBe(4999)
    }
  })

  it('evicts the policy’s victim on the hand-worked sequence', () => {
    // Same sequence as the policy test: set 1, 2, 3; read 2, 2, 3, 1; set 4 into 3 slots.
    const expectedVictim: Partial<Record<EvictionPolicyName, number>> = {lru: 2, fifo: 1, lfu: 3}
    for (const eviction of ['lru', 'fifo', 'lfu'] as const) {
      const cache = engine({maxItems: 3, eviction})
      for (const key of [1, 2, 3]) cache.set(key, 1, 0, 10, null)
      for (const key of [2, 2, 3, 1]) cache.lookup(key)
      cache.set(4, 1, 0, 10, null)
      const missing = [1, 2, 3].filter((key) => cache.lookup(key) < 0)
      expect(missing, eviction).toEqual([expectedVictim[eviction]])
    }
  })

  it('an overwrite that needs room evicts its own old version when the policy picks it (FIFO), others otherwise (LRU)', () => {
    // Each item costs size + 3 (key "k:1") + 56; two 41-byte values fill 200 of 300 bytes.
    for (const eviction of ['fifo', 'lru'] as const) {
      const cache = engine({capacityBytes: 300, eviction})
      cache.set(1, 1, 0, 41, null)
      cache.set(2, 1, 0, 41, null)
      cache.set(1, 2, 0, 150, null)
      expect(cache.version(cache.lookup(1))).toBe(2)
      expect(cache.lookup(2)).toBe(-1)
      expect(cache.items).toBe(1)
      expect(cache.bytes).toBe(expectedItemBytes(1, 150))
      // FIFO: key 1's old version is the oldest entry, so it goes first, then key 2.
      expect(cache.counters.evictions, eviction).toBe(eviction === 'fifo' ? 2 : 1)
    }
  })
})
