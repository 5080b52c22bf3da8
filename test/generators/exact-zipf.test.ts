import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {ExactZipfRanks} from '../../src/generators/exact-zipf-ranks.js'
import {createRandom} from '../../src/generators/random.js'
import {chiSquareBounds, histogram, keyspace} from './helpers.js'

const N = 1000
const DRAWS = 400_000

/** The exact Zipf pmf over ranks 0 … n − 1, summed directly. */
function zipfPmf(n: number, s: number): number[] {
  const weights = Array.from({length: n}, (_, rank) => (rank + 1) ** -s)
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  return weights.map((weight) => weight / total)
}

/**
 * Pearson's chi-square of counts against the pmf, over bins of consecutive ranks merged until
 * each expects at least 20 draws (so the statistic is near its chi-square law); returns it and
 * its degrees of freedom.
 */
function chiSquare(counts: ArrayLike<number>, pmf: number[], draws: number): {statistic: number; df: number} {
  let statistic = 0
  let bins = 0
  let observed = 0
  let expected = 0
  for (let rank = 0; rank < pmf.length; rank++) {
    observed += counts[rank]
    expected += pmf[rank] * draws
    if (expected >= 20 || rank === pmf.length - 1) {
      statistic += (observed - expected) ** 2 / expected
      bins++
      observed = 0
      expected = 0
    }
  }
  return {statistic, df: bins - 1}
}

describe('exact Zipf ranks by rejection-inversion', () => {
  for (const s of [0.5, 0.99, 1, 1.07, 1.5, 2.68]) {
    it(`s = ${s}: frequencies match the exact pmf (chi-square within six standard deviations of its mean)`, () => {
      const ranks = new ExactZipfRanks(N, s, createRandom(31, 1))
      const counts = histogram(() => ranks.next(), N, DRAWS)
      const {statistic, df} = chiSquare(counts, zipfPmf(N, s), DRAWS)
      const [low, high] = chiSquareBounds(df)
      expect(statistic).toBeGreaterThan(low)
      expect(statistic).toBeLessThan(high)
    })
  }

  it('covers the keyspace ends: one key, two keys', () => {
    const one = new ExactZipfRanks(1, 1.5, createRandom(1, 1))
    for (let i = 0; i < 100; i++) expect(one.next()).toBe(0)
    const two = new ExactZipfRanks(2, 1, createRandom(2, 1))
    const counts = histogram(() => two.next(), 2, 30_000)
    // P(0) = 1 / (1 + 1/2) = 2/3.
    expect(Math.abs(counts[0] / 30_000 - 2 / 3)).toBeLessThan(0.01)
  })

  it('keyspace.theta 1 and above selects it for zipfian keys; below 1 YCSB’s generator stays', () => {
    const draws = (theta: number) => {
      const keys = createKeyDistribution(keyspace({count: N, distribution: 'zipfian', theta}), createRandom(5, 1))
      return histogram(() => keys.nextKey(), N, DRAWS)
    }
    const steep = chiSquare(draws(1.5), zipfPmf(N, 1.5), DRAWS)
    expect(steep.statistic).toBeLessThan(chiSquareBounds(steep.df)[1])
    // YCSB's tail is an approximation: at 0.99 it is far outside the exact law's band.
    const ycsb = chiSquare(draws(0.99), zipfPmf(N, 0.99), DRAWS)
    expect(ycsb.statistic).toBeGreaterThan(chiSquareBounds(ycsb.df)[1])
  })
})
