import {describe, expect, it} from 'vitest'
import {LOOKUP, replayCacheAccesses} from '../../src/mrc/cache-accesses.js'
import type {SizeGrid} from '../../src/mrc/exact-lru.js'
import {ShardsSampler, type ShardsMode} from '../../src/mrc/shards.js'
import {spatialHash, TWO_POW_32} from '../../src/generators/spatial-sample.js'
import {testWorkload} from '../helpers/workload.js'

const KEYS = 50_000
const workload = testWorkload({
  keyspace: {count: KEYS, distribution: 'zipfian', theta: 0.99},
  values: {distribution: 'fixed', bytes: 512},
  mix: {read: 1, write: 0, delete: 0},
  strategy: {name: 'lazy-loading'},
})
const grid: SizeGrid = {items: [2_000, 10_000, 40_000], bytes: [1_000_000, 10_000_000]}

/** A lookup stream of a length that is not a multiple of four, so the unrolled loop's tail runs too. */
function lookups(): {keys: Int32Array; bytesOf: (key: number) => number} {
  const keys: number[] = []
  const bytes = new Map<number, number>()
  replayCacheAccesses(workload, {requests: 150_003, warmup: 0}, (kind, key, size) => {
    if (kind !== LOOKUP) return
    keys.push(key)
    bytes.set(key, size)
  })
  return {keys: Int32Array.from(keys), bytesOf: (key) => bytes.get(key) as number}
}

describe('SHARDS over a known key range (a sampling bit per key)', () => {
  const {keys, bytesOf} = lookups()
  const modes: ShardsMode[] = [
    {kind: 'fixed-rate', rate: 0.05},
    // Starts at every key and lowers its rate many times: the bits made at the start must be re-checked.
    {kind: 'fixed-size', rate: 1, maxKeys: 1_500},
  ]
  for (const mode of modes) {
    it(`${mode.kind}: counts exactly what the hash test on each request counts`, () => {
      const byHash = new ShardsSampler(mode, grid)
      for (const key of keys) byHash.visit(LOOKUP, key, bytesOf(key), true)
      const byBits = new ShardsSampler(mode, grid, KEYS)
      byBits.visitLookups(keys, bytesOf)
      expect(byBits.counts()).toEqual(byHash.counts())
    })
  }

  it('samples exactly the keys whose hash is below the rate', () => {
    const sampler = new ShardsSampler({kind: 'fixed-rate', rate: 0.05}, grid, KEYS)
    sampler.visitLookups(keys, bytesOf)
    const belowRate = new Set(Array.from(keys).filter((key) => spatialHash(key) < 0.05 * TWO_POW_32))
    expect(belowRate.size).toBeGreaterThan(100)
    expect(sampler.counts().sampledKeys).toBe(belowRate.size)
    expect(sampler.counts().reads).toBe(keys.length)
  })
})
