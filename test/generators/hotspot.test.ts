import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createRandom} from '../../src/generators/random.js'
import {binomialTolerance, chiSquareBounds, chiSquareUniform, expectNear, histogram, keyspace} from './helpers.js'

function hotspotCounts(count: number, hotFraction: number, hotOpFraction: number, draws: number, seed = 41) {
  const keys = createKeyDistribution(keyspace({count, distribution: 'hotspot', hotspot: {hotFraction, hotOpFraction}}), createRandom(seed, 1))
  return histogram(() => keys.nextKey(), count, draws)
}

function sum(counts: Uint32Array, from: number, to: number): number {
  let total = 0
  for (let i = from; i < to; i++) total += counts[i]
  return total
}

describe('hotspot keys', () => {
  const draws = 500_000
  const counts = hotspotCounts(1000, 0.2, 0.8, draws)

  it('sends hotOpFraction of operations to the first hotFraction of keys', () => {
    expectNear(sum(counts, 0, 200), draws * 0.8, binomialTolerance(draws, 0.8))
  })

  it('is uniform inside the hot set and inside the cold set', () => {
    const [hotLow, hotHigh] = chiSquareBounds(199)
    const hot = chiSquareUniform(counts, 0, 200)
    expect(hot).toBeGreaterThan(hotLow)
    expect(hot).toBeLessThan(hotHigh)
    const [coldLow, coldHigh] = chiSquareBounds(799)
    const cold = chiSquareUniform(counts, 200, 1000)
    expect(cold).toBeGreaterThan(coldLow)
    expect(cold).toBeLessThan(coldHigh)
  })

  it('sizes the hot set as floor(hotFraction × count)', () => {
    const small = hotspotCounts(10, 0.25, 0.5, 100_000)
    // floor(2.5) = 2 hot keys share half the operations: 25% each, against 1/16 for each cold key.
    expectNear(small[0], 25_000, binomialTolerance(100_000, 0.25))
    expectNear(small[1], 25_000, binomialTolerance(100_000, 0.25))
    expectNear(small[2], 6250, binomialTolerance(100_000, 1 / 16))
  })

  it('falls back to the non-empty set when one set is empty', () => {
    const noHot = hotspotCounts(100, 0, 0.9, 100_000)
    const allHot = hotspotCounts(100, 1, 0.1, 100_000)
    for (const degenerate of [noHot, allHot]) {
      expect(sum(degenerate, 0, 100)).toBe(100_000)
      const [low, high] = chiSquareBounds(99)
      expect(chiSquareUniform(degenerate)).toBeGreaterThan(low)
      expect(chiSquareUniform(degenerate)).toBeLessThan(high)
    }
  })

  it('never picks a hot key when hotOpFraction is 0', () => {
    expect(sum(hotspotCounts(100, 0.3, 0, 50_000), 0, 30)).toBe(0)
  })
})
