import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createRandom} from '../../src/generators/random.js'
import {binomialTolerance, expectNear, histogram, keyspace} from './helpers.js'

/**
 * P(key < k) for the discretised exponential truncated to [0, count): the untruncated
 * 1 − e^(−gamma·k), renormalised by the mass inside the keyspace.
 */
function shareBelow(k: number, count: number, percentile: number, fraction: number): number {
  const gamma = -Math.log(1 - percentile / 100) / (fraction * count)
  return (1 - Math.exp(-gamma * k)) / (1 - Math.exp(-gamma * count))
}

function exponentialCounts(count: number, percentile: number, fraction: number, draws: number) {
  const keys = createKeyDistribution(keyspace({count, distribution: 'exponential', exponential: {percentile, fraction}}), createRandom(61, 1))
  return histogram(() => keys.nextKey(), count, draws)
}

function sumBelow(counts: Uint32Array, k: number): number {
  let total = 0
  for (let i = 0; i < k; i++) total += counts[i]
  return total
}

describe('exponential keys', () => {
  const draws = 400_000

  it('puts percentile% of operations on the first fraction × count keys', () => {
    // A steep setting, where truncation at count is negligible: the share is the percentile itself.
    const counts = exponentialCounts(1000, 90, 0.1, draws)
    const expected = shareBelow(100, 1000, 90, 0.1)
    expect(Math.abs(expected - 0.9)).toBeLessThan(1e-9)
    expectNear(sumBelow(counts, 100), draws * expected, binomialTolerance(draws, expected))
    expect(counts[0]).toBeGreaterThan(counts[50])
  })

  it("follows the truncated exponential with YCSB's default parameters", () => {
    const count = 1000
    const counts = exponentialCounts(count, 95, 0.8571428571, draws)
    for (const k of [1, 100, 500, 857]) {
      const expected = shareBelow(k, count, 95, 0.8571428571)
      expectNear(sumBelow(counts, k), draws * expected, binomialTolerance(draws, expected))
    }
  })

  it('stays in the keyspace when most of the untruncated mass lies beyond it', () => {
    // fraction 50: 95% of an untruncated draw would fall beyond 50 × count.
    const counts = exponentialCounts(100, 95, 50, 100_000)
    const expected = shareBelow(50, 100, 95, 50)
    expectNear(sumBelow(counts, 50), 100_000 * expected, binomialTolerance(100_000, expected))
  })
})
