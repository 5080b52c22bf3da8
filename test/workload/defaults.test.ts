import {describe, expect, it} from 'vitest'
import {parseWorkload} from '../../src/workload/load-workload.js'
import type {Workload} from '../../src/workload/types.js'

const load = (yaml: string, file = 'workloads/minimal.yaml'): Workload => parseWorkload(`version: 1\n${yaml}`, file)

describe('defaults', () => {
  it('fills every field of a file that only gives the version', () => {
    const expected: Workload = {
      version: 1,
      name: 'minimal',
      description: null,
      seed: 1,
      keyspace: {
        count: 100_000,
        distribution: 'zipfian',
        theta: 0.99,
        hotspot: {hotFraction: 0.2, hotOpFraction: 0.8},
        exponential: {percentile: 95, fraction: 0.8571428571},
      },
      values: {distribution: 'fixed', bytes: 1024},
      mix: {read: 0.95, write: 0.05, delete: 0},
      structures: {
        sortedSets: {keys: 4, members: 10_000, top: 10, increment: 1},
        hashes: {fields: 8, ttlMs: 1_800_000},
        lists: {keys: 16, maxLength: 100, range: 20},
      },
      strategy: {name: 'lazy-loading', ttlMs: null, ttlJitter: 0, invalidateOnWrite: false, flushDelayMs: 1000, refreshAt: 0.2, singleFlight: false, lease: null},
      origin: {latency: {distribution: 'fixed', ms: 2}, writeLatency: null, concurrency: 64},
      cache: {model: 'ideal', maxItems: null, capacityBytes: null, eviction: 'lru', latency: {distribution: 'fixed', ms: 0.2}},
      load: {concurrency: 16, rate: null, arrival: 'constant', maxInFlight: 10_000, operations: 100_000, durationMs: null, warmup: {operations: 0}},
      thresholds: [],
      file: 'workloads/minimal.yaml',
    }
    expect(load('')).toEqual(expected)
  })

  it('keeps the name given in the file over the file name', () => {
    expect(load('name: catalogue').name).toBe('catalogue')
  })

  it('fills the missing half of a partly given nested object', () => {
    const workload = load('keyspace: {distribution: hotspot, hotspot: {hotFraction: 0.1}}')
    expect(workload.keyspace.hotspot).toEqual({hotFraction: 0.1, hotOpFraction: 0.8})
  })

  it('treats a missing mix weight as zero and normalises the rest', () => {
    expect(load('mix: {read: 3, delete: 1}').mix).toEqual({read: 0.75, write: 0, delete: 0.25})
    expect(load('mix: {write: 7}').mix).toEqual({read: 0, write: 1, delete: 0})
  })
})

describe('strategy', () => {
  it('accepts a bare name as shorthand, and cache-aside as another name for lazy-loading', () => {
    expect(load('strategy: cache-aside').strategy).toEqual({name: 'lazy-loading', ttlMs: null, ttlJitter: 0, invalidateOnWrite: false, flushDelayMs: 1000, refreshAt: 0.2, singleFlight: false, lease: null})
    expect(load('strategy: {name: cache-aside, ttl: 5m}').strategy.name).toBe('lazy-loading')
    expect(load('strategy: write-through').strategy.name).toBe('write-through')
  })

  it('resolves the TTL to milliseconds, and none, null or absence to no TTL', () => {
    expect(load('strategy: {ttl: 5m, ttlJitter: 0.1}').strategy).toMatchObject({ttlMs: 300_000, ttlJitter: 0.1})
    expect(load('strategy: {ttl: 1500}').strategy.ttlMs).toBe(1500)
    expect(load('strategy: {ttl: none}').strategy.ttlMs).toBeNull()
    expect(load('strategy: {ttl: null}').strategy.ttlMs).toBeNull()
    expect(load('strategy: {name: none}').strategy.ttlMs).toBeNull()
  })

  it('allows invalidateOnWrite with lazy-loading', () => {
    expect(load('strategy: {name: lazy-loading, invalidateOnWrite: true}').strategy.invalidateOnWrite).toBe(true)
  })
})

describe('units and forms', () => {
  it('reads value sizes as strings, numbers of bytes and distributions', () => {
    expect(load('values: {size: 4KiB}').values).toEqual({distribution: 'fixed', bytes: 4096})
    expect(load('values: {size: 300}').values).toEqual({distribution: 'fixed', bytes: 300})
    expect(load('values: {size: {distribution: fixed, value: 2KiB}}').values).toEqual({distribution: 'fixed', bytes: 2048})
    expect(load('values: {size: {distribution: uniform, min: 100B, max: 4KiB}}').values).toEqual({
      distribution: 'uniform',
      minBytes: 100,
      maxBytes: 4096,
    })
  })

  it('defaults a normal size distribution to min 1B and max mean + 6 stddev', () => {
    expect(load('values: {size: {distribution: normal, mean: 1KiB, stddev: 256B}}').values).toEqual({
      distribution: 'normal',
      meanBytes: 1024,
      stddevBytes: 256,
      minBytes: 1,
      maxBytes: 1024 + 6 * 256,
    })
    // Not past the largest value a max may name (Redis's 512 MB strings): 512MiB + 6 × 512MiB would be 3.5 GiB.
    expect(load('values: {size: {distribution: normal, mean: 512MiB, stddev: 512MiB}}').values).toMatchObject({minBytes: 1, maxBytes: 512 * 1024 * 1024})
  })

  it('reads latencies as durations, bare milliseconds and distributions', () => {
    expect(load('origin: {latency: 250us}').origin.latency).toEqual({distribution: 'fixed', ms: 0.25})
    expect(load('origin: {latency: 3}').origin.latency).toEqual({distribution: 'fixed', ms: 3})
    expect(load('origin: {latency: {distribution: fixed, value: 7ms}}').origin.latency).toEqual({distribution: 'fixed', ms: 7})
    expect(load('origin: {latency: {distribution: uniform, min: 1ms, max: 1s}}').origin.latency).toEqual({
      distribution: 'uniform',
      minMs: 1,
      maxMs: 1000,
    })
    const origin = load('origin: {latency: {distribution: lognormal, median: 5ms, p99: 40ms}, writeLatency: 9ms, concurrency: 8}').origin
    expect(origin).toEqual({
      latency: {distribution: 'lognormal', medianMs: 5, p99Ms: 40},
      writeLatency: {distribution: 'fixed', ms: 9},
      concurrency: 8,
    })
  })

  it('gives each engine model the eviction its server defaults to', () => {
    expect(load('cache: {model: memcached}').cache).toMatchObject({model: 'memcached', eviction: 'segmented-lru', capacityBytes: null})
    expect(load('cache: {model: redis, capacity: 64MiB}').cache).toMatchObject({model: 'redis', eviction: 'noeviction'})
    expect(load('cache: {model: redis, eviction: allkeys-lfu}').cache.eviction).toBe('allkeys-lfu')
  })

  it('reads the cache section', () => {
    expect(load('cache: {maxItems: 10000, capacity: 64MiB, eviction: lfu, latency: 200us}').cache).toEqual({
      model: 'ideal',
      maxItems: 10_000,
      capacityBytes: 64 * 1024 * 1024,
      eviction: 'lfu',
      latency: {distribution: 'fixed', ms: 0.2},
    })
  })

  it('sizes a run by operations or by duration, with a warm-up of either kind', () => {
    const closedLoop = {rate: null, arrival: 'constant', maxInFlight: 10_000}
    expect(load('load: {operations: 5000, warmup: 500}').load).toEqual({
      concurrency: 16,
      ...closedLoop,
      operations: 5000,
      durationMs: null,
      warmup: {operations: 500},
    })
    expect(load('load: {duration: 30s, warmup: 5s, concurrency: 4}').load).toEqual({
      concurrency: 4,
      ...closedLoop,
      operations: null,
      durationMs: 30_000,
      warmup: {durationMs: 5000},
    })
    // Mixed kinds cannot be compared, so both are accepted.
    expect(load('load: {duration: 30s, warmup: 1000}').load.warmup).toEqual({operations: 1000})
    expect(load('load: {operations: 1000, warmup: 1h}').load.warmup).toEqual({durationMs: 3_600_000})
  })

  it('keeps thresholds in order, trimmed', () => {
    expect(load('thresholds: ["hitRatio >= 0.9", " read.p99 < 2ms "]').thresholds).toEqual(['hitRatio >= 0.9', 'read.p99 < 2ms'])
  })

  it('ignores a $schema reference, which JSON files need for editors', () => {
    const workload = parseWorkload('{"$schema": "../schema/workload.schema.json", "version": 1}', 'x.json')
    expect(workload).not.toHaveProperty('$schema')
    expect(workload.name).toBe('x')
  })
})

describe('open loop', () => {
  it('reads a rate with units, defaults to constant arrivals, and rejects a non-positive rate', () => {
    expect(load('load: {rate: 20k/s, operations: 1000}').load).toMatchObject({rate: 20_000, arrival: 'constant', maxInFlight: 10_000})
    expect(load('load: {rate: 600/m, arrival: poisson, maxInFlight: 50}').load).toMatchObject({rate: 10, arrival: 'poisson', maxInFlight: 50})
    expect(load('load: {rate: 1500}').load.rate).toBe(1500)
    expect(() => load('load: {rate: 0}')).toThrow(/load\.rate must be a positive rate/)
    expect(() => load('load: {rate: fast}')).toThrow(/load\.rate must be a positive rate/)
  })
})
