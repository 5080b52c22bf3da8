import {beforeAll, describe, expect, it} from 'vitest'
import {fnv1a64Mod} from '../../../src/generators/fnv1a64.js'
import {createRandom} from '../../../src/generators/random.js'
import {uniformIndex} from '../../../src/generators/uniform.js'
import {createZipfianKeys} from '../../../src/generators/zipfian.js'
import type {KeyspaceSpec} from '../../../src/workload/types.js'
import {replayOnMemcached, replayOnModel, replayOnRedis, type ReplayOutcome, type ReplayStream} from '../../helpers/server-replay.js'
import {startMemcached, type MemcachedServer} from '../../servers/memcached-servers.js'
import {startRedis, type RedisServer} from '../../servers/redis-servers.js'

/**
 * The promise: at equal memory (memcached -m 64, redis --maxmemory 64mb) the model's hit
 * ratio is within 1.5 points of the real server's, for zipfian 0.99 over 500k keys with 1 KiB
 * values and for uniform keys with 100 B – 4 KiB values. Each stream runs once on each server
 * and on the model, the model's clock following the server run's own batch times.
 */
const TOLERANCE = 0.015
const MIB = 1024 * 1024
const CAPACITY = 64 * MIB
const BATCH = 500

function keysOf(spec: Pick<KeyspaceSpec, 'count' | 'distribution' | 'theta'>, requests: number, seed: number): Int32Array {
  const keys = new Int32Array(requests)
  if (spec.distribution === 'zipfian') {
    const zipfian = createZipfianKeys(spec as KeyspaceSpec, createRandom(seed, 1))
    for (let i = 0; i < requests; i++) keys[i] = zipfian.nextKey()
  } else {
    const random = createRandom(seed, 1)
    for (let i = 0; i < requests; i++) keys[i] = uniformIndex(random, spec.count)
  }
  return keys
}

/** Zipfian 0.99 over 500k keys, 1 KiB values: the cache fills after ~110k misses. */
const zipfian: ReplayStream = {
  keys: keysOf({count: 500_000, distribution: 'zipfian', theta: 0.99}, 400_000, 11),
  sizeOf: () => 1024,
  warmup: 200_000,
  batch: BATCH,
}

/** 60k uniform keys, each with its own size from 100 B to 4 KiB: about half fit in 64 MiB. */
const uniform: ReplayStream = {
  keys: keysOf({count: 60_000, distribution: 'uniform', theta: 0}, 240_000, 12),
  sizeOf: (key) => 100 + Number(fnv1a64Mod(key, 4096 - 100 + 1)),
  warmup: 120_000,
  batch: BATCH,
}

/** A fresh server per stream: memcached keeps slab pages where they went even after flush_all. */
async function onFreshServers(stream: ReplayStream): Promise<{memcached: ReplayOutcome; redis: ReplayOutcome}> {
  let memcached: MemcachedServer | undefined
  let redis: RedisServer | undefined
  try {
    memcached = await startMemcached({memoryMb: 64})
    redis = await startRedis({config: ['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']})
    return {memcached: await replayOnMemcached(memcached.port, stream), redis: await replayOnRedis(redis.port, stream)}
  } finally {
    await memcached?.stop()
    await redis?.stop()
  }
}

describe.each([
  ['zipfian 0.99 over 500k keys, 1 KiB values', zipfian],
  ['uniform keys, 100 B – 4 KiB values', uniform],
])('engine models against real servers at 64 MiB: %s', (_name, stream) => {
  let real: {memcached: ReplayOutcome; redis: ReplayOutcome}

  beforeAll(async () => {
    real = await onFreshServers(stream)
  }, 600_000)

  it('memcached model is within 1.5 points of memcached -m 64', () => {
    const model = replayOnModel(stream, {model: 'memcached', eviction: 'segmented-lru', capacityBytes: CAPACITY, maxItems: null}, real.memcached.batchStartMs)
    expect(real.memcached.hitRatio).toBeGreaterThan(0.2)
    expect(Math.abs(model - real.memcached.hitRatio)).toBeLessThanOrEqual(TOLERANCE)
  })

  it('redis model is within 1.5 points of redis --maxmemory 64mb allkeys-lru', () => {
    const model = replayOnModel(stream, {model: 'redis', eviction: 'allkeys-lru', capacityBytes: CAPACITY, maxItems: null}, real.redis.batchStartMs)
    expect(real.redis.hitRatio).toBeGreaterThan(0.2)
    expect(Math.abs(model - real.redis.hitRatio)).toBeLessThanOrEqual(TOLERANCE)
  })
})
