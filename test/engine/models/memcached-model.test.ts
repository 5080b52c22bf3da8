import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {CacheEngine} from '../../../src/engine/cache-engine.js'
import type {PolicyContext} from '../../../src/engine/eviction-policy.js'
import {MemcachedSegmentedLru} from '../../../src/engine/models/memcached-segmented-lru.js'
import {chunksPerPage, memcachedItemBytes, slabChunkSizes, slabClassOf} from '../../../src/engine/models/memcached-slabs.js'
import {startMemcached, type MemcachedServer} from '../../servers/memcached-servers.js'

const MIB = 1024 * 1024

describe('memcached model: slab classes as the installed memcached prints them', () => {
  let server: MemcachedServer

  beforeAll(async () => {
    // -vv prints every slab class at startup; this server gets no traffic.
    server = await startMemcached({memoryMb: 64, extraArgs: ['-vv']})
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('has the same chunk sizes and chunks per page', () => {
    const printed = [...server.process.output().matchAll(/slab class\s+(\d+): chunk size\s+(\d+) perslab\s+(\d+)/g)]
    expect(printed.length).toBeGreaterThan(30)
    const sizes = slabChunkSizes()
    expect(sizes.map((size, index) => [index + 1, size, chunksPerPage(index)])).toEqual(
      printed.map(([, id, size, perslab]) => [Number(id), Number(size), Number(perslab)]),
    )
  })
})

describe('memcached model: memory', () => {
  it('holds 64 pages of its class at -m 64, as many items as the real server holds (curr_items)', () => {
    // 1 KiB values and keys cb:xxxxxxxx:k:N: 48 B header + key + 1 + 1026 B value + 8 B CAS
    // ≤ 1,184 B, class 12's chunk, 885 to a 1 MiB page (memcached -vv above).
    expect(memcachedItemBytes(499_999, 1024)).toBeLessThanOrEqual(1184)
    expect(memcachedItemBytes(0, 1024)).toBeGreaterThan(944)
    const engine = new CacheEngine({model: 'memcached', eviction: 'segmented-lru', capacityBytes: 64 * MIB, maxItems: null, now: () => 0})
    for (let key = 0; key < 100_000; key++) engine.set(key, 1, 0, 1024, null)
    expect(engine.items).toBe(64 * 885)
    expect(engine.counters.evictions).toBe(100_000 - 64 * 885)
  })

  it('keeps pages with the class that took them: a later size class gets only its first page', () => {
    const engine = new CacheEngine({model: 'memcached', eviction: 'segmented-lru', capacityBytes: 4 * MIB, maxItems: null, now: () => 0})
    for (let key = 0; key < 10_000; key++) engine.set(key, 1, 0, 1024, null)
    expect(engine.items).toBe(4 * 885)
    // 4 KiB values live in the 4,544 B class: one page (230 chunks), granted past the limit
    // as slabs.c do_slabs_newslab() grants every class its first page.
    for (let key = 10_000; key < 11_000; key++) engine.set(key, 1, 0, 4096, null)
    expect(slabClassOf(memcachedItemBytes(10_000, 4096))).toBe(17)
    expect(engine.items).toBe(4 * 885 + 230)
  })

  it('refuses values above 1 MiB (item_size_max) and drops the key, as memcached does', () => {
    const engine = new CacheEngine({model: 'memcached', eviction: 'segmented-lru', capacityBytes: 64 * MIB, maxItems: null, now: () => 0})
    engine.set(1, 1, 0, 100, null)
    engine.set(1, 2, 0, 2 * MIB, null)
    expect(engine.counters.rejected).toBe(1)
    expect(engine.lookup(1)).toBe(-1)
  })
})

describe('memcached model: segmented LRU (hand-worked from items.c)', () => {
  const context: PolicyContext = {now: () => 0, expiresAt: () => Infinity, keyOf: (slot) => slot, seed: 0}
  const CHUNK = 96

  it('moves HOT items beyond 20 % to COLD and evicts the COLD tail', () => {
    const policy = new MemcachedSegmentedLru(16, context)
    for (let slot = 0; slot < 10; slot++) policy.inserted(slot, CHUNK)
    // 10 items: HOT may hold 2 (20 %); the 8 oldest went to COLD in insertion order.
    expect([...Array(10).keys()].map((slot) => policy.segmentOf(slot))).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 0, 0])
    expect(policy.victimFor(CHUNK)).toBe(0)
  })

  it('a second read of a COLD item moves it to WARM; a first read only marks it fetched', () => {
    const policy = new MemcachedSegmentedLru(16, context)
    for (let slot = 0; slot < 10; slot++) policy.inserted(slot, CHUNK)
    policy.touched(0)
    expect(policy.segmentOf(0)).toBe(2)
    expect(policy.victimFor(CHUNK)).toBe(0)
    policy.touched(0)
    expect(policy.segmentOf(0)).toBe(1)
    expect(policy.victimFor(CHUNK)).toBe(1)
  })

  it('an ACTIVE HOT tail goes to WARM, not COLD', () => {
    const policy = new MemcachedSegmentedLru(32, context)
    for (let slot = 1; slot <= 20; slot++) policy.inserted(slot, CHUNK)
    policy.inserted(0, CHUNK)
    policy.touched(0)
    policy.touched(0)
    // 0 is HOT and ACTIVE (HOT holds 20 % of 21 = 4); as newer items push it to the HOT tail
    // the maintainer rescues it to WARM instead of COLD.
    expect(policy.segmentOf(0)).toBe(0)
    for (let slot = 21; slot < 26; slot++) policy.inserted(slot, CHUNK)
    expect(policy.segmentOf(0)).toBe(1)
    expect(policy.victimFor(CHUNK)).toBe(1)
  })

  it('evicts within the class of the incoming item only', () => {
    const policy = new MemcachedSegmentedLru(16, context)
    for (let slot = 0; slot < 5; slot++) policy.inserted(slot, CHUNK)
    for (let slot = 5; slot < 10; slot++) policy.inserted(slot, 1184)
    expect(policy.victimFor(CHUNK)).toBe(0)
    expect(policy.victimFor(1184)).toBe(5)
  })
})
