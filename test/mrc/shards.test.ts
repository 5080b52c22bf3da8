import {describe, expect, it} from 'vitest'
import {exactLruCounts, type SizeGrid} from '../../src/mrc/exact-lru.js'
import {LOOKUP, replayCacheAccesses} from '../../src/mrc/cache-accesses.js'
import {spatialHash, TWO_POW_32} from '../../src/generators/spatial-sample.js'
import {ShardsSampler, shardsCounts, type ShardsMode} from '../../src/mrc/shards.js'
import {testWorkload} from '../helpers/workload.js'

const KEYS = 100_000
const workload = testWorkload({
  keyspace: {count: KEYS, distribution: 'zipfian', theta: 0.99},
  values: {distribution: 'fixed', bytes: 1024},
  mix: {read: 0.95, write: 0.05, delete: 0},
  strategy: {name: 'lazy-loading'},
})
const length = {requests: 1_000_000, warmup: 100_000}
// SHARDS resolves a size through the sampled keys that fit in it; with ~1,000 of them or more
// (size × rate) the curve is within a point. Smaller sizes hinge on whether the few hottest
// keys happen to be sampled.
const ITEM_SIZES = [10_000, 15_000, 25_000, 50_000, 75_000, 90_000]
const grid: SizeGrid = {items: ITEM_SIZES, bytes: ITEM_SIZES.map((items) => items * 1100)}

function ratios(hits: number[], reads: number): number[] {
  return hits.map((count) => count / reads)
}

describe('SHARDS', () => {
  const exact = exactLruCounts(workload, length, grid)
  const modes: ShardsMode[] = [
    {kind: 'fixed-rate', rate: 0.2},
    {kind: 'fixed-size', rate: 1, maxKeys: 16_000},
  ]
  for (const mode of modes) {
    it(`${mode.kind} stays within 0.01 of the exact curve at every size, by items and by bytes`, () => {
      const sampled = shardsCounts(workload, length, grid, mode)
      expect(sampled.reads).toBe(exact.reads)
      const pairs = [
        [ratios(sampled.hitsByItems, sampled.reads), ratios(exact.hitsByItems, exact.reads)],
        [ratios(sampled.hitsByBytes, sampled.reads), ratios(exact.hitsByBytes, exact.reads)],
      ]
      for (const [estimate, truth] of pairs) {
        estimate.forEach((ratio, index) => expect(Math.abs(ratio - truth[index])).toBeLessThan(0.01))
      }
      // Sampling must actually have happened: roughly rate × the keys seen.
      expect(sampled.sampledKeys).toBeLessThan(KEYS / 5)
    })
  }

  it('fixed-rate 10% has a mean absolute error of at most 0.005 against the exact curve', () => {
    const sampled = shardsCounts(workload, length, grid, {kind: 'fixed-rate', rate: 0.1})
    const estimate = ratios(sampled.hitsByItems, sampled.reads)
    const truth = ratios(exact.hitsByItems, exact.reads)
    const meanAbsoluteError = estimate.reduce((sum, ratio, index) => sum + Math.abs(ratio - truth[index]), 0) / estimate.length
    expect(meanAbsoluteError).toBeLessThanOrEqual(0.005)
    expect(sampled.sampledKeys).toBeLessThan(KEYS / 5)
  })

  it('fixed-size holds the same memory after ten times the input', () => {
    const footprintAfter = (requests: number): number => {
      const sampler = new ShardsSampler({kind: 'fixed-size', rate: 1, maxKeys: 2_000}, grid)
      replayCacheAccesses(workload, {requests, warmup: 0}, (kind, key, bytes, measured) => sampler.visit(kind, key, bytes, measured))
      return sampler.footprint
    }
    const short = footprintAfter(100_000)
    const long = footprintAfter(1_000_000)
    // Two stacks (items, bytes), each at most 4 slots per tracked key plus its initial 1,024.
    expect(long).toBeLessThanOrEqual(2 * (4 * 2_000 + 1_024))
    expect(long).toBeLessThanOrEqual(short)
  })

  it('fixed-size keeps at most maxKeys keys however long the input, lowering its rate instead', () => {
    const mode: ShardsMode = {kind: 'fixed-size', rate: 1, maxKeys: 2_000}
    const short = shardsCounts(workload, {requests: 100_000, warmup: 0}, grid, mode)
    const long = shardsCounts(workload, {requests: 1_000_000, warmup: 0}, grid, mode)
    expect(short.sampledKeys).toBeLessThanOrEqual(2_000)
    expect(long.sampledKeys).toBeLessThanOrEqual(2_000)
    expect(long.sampledKeys).toBeGreaterThan(1_900)
    // More distinct keys were seen in the long run, so its rate had to fall further.
    expect(long.rate).toBeLessThan(short.rate)
    expect(long.rate).toBeLessThan(0.05)
  })

  it('takes a stream of lookups held in an array as the same lookups one by one, sampling the keys whose hash is below the rate', () => {
    const keys: number[] = []
    const bytesOfKey = new Map<number, number>()
    replayCacheAccesses(workload, {requests: 200_000, warmup: 0}, (kind, key, bytes) => {
      if (kind !== LOOKUP) return
      keys.push(key)
      bytesOfKey.set(key, bytes)
    })
    const bytesOf = (key: number): number => bytesOfKey.get(key) as number
    for (const mode of modes) {
      const oneByOne = new ShardsSampler(mode, grid)
      for (const key of keys) oneByOne.visit(LOOKUP, key, bytesOf(key), true)
      const inArray = new ShardsSampler(mode, grid)
      inArray.visitLookups(Int32Array.from(keys), bytesOf)
      expect(inArray.counts()).toEqual(oneByOne.counts())
    }
    const fixedRate = new ShardsSampler({kind: 'fixed-rate', rate: 0.2}, grid)
    fixedRate.visitLookups(keys, bytesOf)
    const belowRate = new Set(keys.filter((key) => spatialHash(key) < 0.2 * TWO_POW_32))
    expect(fixedRate.counts().sampledKeys).toBe(belowRate.size)
    expect(fixedRate.counts().reads).toBe(keys.length)
  })
})
