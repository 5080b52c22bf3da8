import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {CacheEngine} from '../../../src/engine/cache-engine.js'
import {keyName} from '../../../src/engine/item-size.js'
import {jemallocSize} from '../../../src/engine/models/jemalloc.js'
import {LFU_INIT_VAL, lfuDecayed, lfuIncremented} from '../../../src/engine/models/redis-lfu-counter.js'
import {redisKeyBytes} from '../../../src/engine/models/redis-memory.js'
import type {EngineEvictionName} from '../../../src/workload/types.js'
import {REPLAY_PREFIX} from '../../helpers/server-replay.js'
import {startRedis, type RedisServer} from '../../servers/redis-servers.js'

describe('redis model: what a key costs, against the installed redis-server', () => {
  let server: RedisServer

  beforeAll(async () => {
    server = await startRedis()
  })

  afterAll(async () => {
    await server?.stop()
  })

  // MEMORY USAGE (object.c memoryCommand) adds sizeof(dictEntry), 24 B, where used_memory
  // counts the entry's jemalloc class, 32 B: the model is MEMORY USAGE + 8 for every size.
  it.each([10, 44, 45, 100, 255, 300, 1024, 4000, 70_000])('a %i-byte value', async (size) => {
    const name = REPLAY_PREFIX + keyName(size)
    await server.cli('SET', name, 'x'.repeat(size))
    const usage = Number(await server.cli('MEMORY', 'USAGE', name))
    expect(redisKeyBytes(size, size, false)).toBe(usage + jemallocSize(24) - 24)
  })
})

describe('jemalloc size classes', () => {
  it('rounds to 8, the 16 B quantum, then four classes per doubling', () => {
    expect([1, 8, 9, 24, 128, 129, 160, 161, 1030, 2049, 4097].map(jemallocSize)).toEqual([8, 8, 16, 32, 128, 160, 160, 192, 1280, 2560, 5120])
  })
})

describe('redis LFU counter (evict.c LFULogIncr, LFUDecrAndReturn)', () => {
  it('always counts up to LFU_INIT_VAL + 1, then with probability 1 / ((c − 5) × 10 + 1)', () => {
    expect(lfuIncremented(LFU_INIT_VAL, 0.999)).toBe(LFU_INIT_VAL + 1)
    expect(lfuIncremented(LFU_INIT_VAL + 1, 1 / 11 - 1e-9)).toBe(LFU_INIT_VAL + 2)
    expect(lfuIncremented(LFU_INIT_VAL + 1, 1 / 11)).toBe(LFU_INIT_VAL + 1)
    expect(lfuIncremented(255, 0)).toBe(255)
  })

  it('loses one per idle minute, down to zero', () => {
    expect(lfuDecayed(10, 0)).toBe(10)
    expect(lfuDecayed(10, 3.5)).toBe(7)
    expect(lfuDecayed(10, 60)).toBe(0)
  })
})

function redisEngine(eviction: EngineEvictionName, capacityBytes: number, now = (): number => 0): CacheEngine {
  return new CacheEngine({model: 'redis', eviction, capacityBytes, maxItems: null, now, seed: 1})
}

/** Room for `keys` 1 KiB keys beside an empty server's used_memory and the dict's buckets. */
const ROOM_FOR_100 = 914_000 + 100 * 1360 + 8 * 128

describe('redis model: maxmemory policies', () => {
  it('noeviction refuses writes once full and keeps what it has', () => {
    const engine = redisEngine('noeviction', ROOM_FOR_100)
    for (let key = 0; key < 200; key++) engine.set(key, 1, 0, 1024, null)
    // As redis checks memory before each write, the write that crosses the limit still lands.
    expect(engine.items).toBe(101)
    expect(engine.counters.rejected).toBe(99)
    expect(engine.counters.evictions).toBe(0)
    engine.set(0, 2, 0, 1024, null)
    expect(engine.version(engine.lookup(0))).toBe(1)
  })

  it('volatile-* evict only keys with a TTL and refuse writes when none is left', () => {
    for (const eviction of ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl'] as const) {
      const engine = redisEngine(eviction, ROOM_FOR_100)
      for (let key = 0; key < 90; key++) engine.set(key, 1, 0, 1024, null)
      for (let key = 90; key < 100; key++) engine.set(key, 1, 0, 1024, 60_000)
      for (let key = 100; key < 130; key++) engine.set(key, 1, 0, 1024, null)
      for (let key = 0; key < 90; key++) expect(engine.lookup(key), `${eviction} key ${key}`).toBeGreaterThanOrEqual(0)
      expect(engine.counters.evictions, eviction).toBe(10)
      expect(engine.counters.rejected, eviction).toBeGreaterThan(0)
    }
  })

  it('volatile-ttl evicts the keys that expire soonest', () => {
    // 95 keys without TTL and 5 with; the limit lets all 100 in. The next write crosses it,
    // and each write after evicts one: with ≤ 5 volatile keys every sample holds them all.
    const ttlCharge = redisKeyBytes(0, 1024, true) + 12 - redisKeyBytes(0, 1024, false)
    const engine = redisEngine('volatile-ttl', ROOM_FOR_100 + 5 * ttlCharge)
    for (let key = 0; key < 95; key++) engine.set(key, 1, 0, 1024, null)
    for (const [key, ttl] of [[96, 50_000], [97, 10_000], [98, 40_000], [99, 30_000], [100, 20_000]]) engine.set(key, 1, 0, 1024, ttl)
    for (let key = 101; key < 104; key++) engine.set(key, 1, 0, 1024, null)
    expect([96, 97, 98, 99, 100].map((key) => engine.lookup(key) >= 0)).toEqual([true, false, true, true, false])
  })

  it('allkeys-lru keeps keys read in the last second over keys idle for a minute', () => {
    let now = 0
    const engine = redisEngine('allkeys-lru', ROOM_FOR_100, () => now)
    for (let key = 0; key < 100; key++) engine.set(key, 1, 0, 1024, null)
    now = 60_000
    for (let key = 0; key < 20; key++) engine.lookup(key)
    for (let key = 100; key < 150; key++) engine.set(key, 1, 0, 1024, null)
    // Each eviction takes the idlest of ≥ 5 samples; a key read at 60 s only goes when a whole
    // sample and the pool hold nothing idler, which 80 idle keys make vanishingly rare here.
    let kept = 0
    for (let key = 0; key < 20; key++) if (engine.lookup(key) >= 0) kept++
    expect(kept).toBe(20)
  })
})
