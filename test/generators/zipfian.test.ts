import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createRandom} from '../../src/generators/random.js'
import {argmax, binomialTolerance, expectNear, histogram, keyspace, zetaEulerMaclaurin} from './helpers.js'

const DRAWS = 1_000_000

describe('zipfian keys', () => {
  for (const theta of [0.99, 0.5]) {
    describe(`theta ${theta}`, () => {
      const count = 1000
      const keys = createKeyDistribution(keyspace({count, distribution: 'zipfian', theta}), createRandom(21, 1))
      const counts = histogram(() => keys.nextKey(), count, DRAWS)
      const zetaN = zetaEulerMaclaurin(count, theta)

      it('gives rank 0 the frequency 1 / zeta(n, theta)', () => {
        const p0 = 1 / zetaN
        expectNear(counts[0], DRAWS * p0, binomialTolerance(DRAWS, p0))
      })

      it('gives rank 1 the frequency of rank 0 times 2^-theta', () => {
        const p0 = 1 / zetaN
        const p1 = 2 ** -theta / zetaN
        // Delta method on log(c1 / c0) for multinomial counts: variance ≤ 1/(N·p1) + 1/(N·p0) + 2/N.
        const logSd = Math.sqrt(1 / (DRAWS * p1) + 1 / (DRAWS * p0) + 2 / DRAWS)
        expectNear(Math.log(counts[1] / counts[0]), -theta * Math.LN2, 5 * logSd)
        expectNear(counts[1], DRAWS * p1, binomialTolerance(DRAWS, p1))
      })

      it('makes key 0 the most popular, popularity falling with the index', () => {
        expect(argmax(counts)).toBe(0)
        expect(counts[0]).toBeGreaterThan(counts[1])
        expect(counts[1]).toBeGreaterThan(counts[2])
        expect(counts[2]).toBeGreaterThan(counts[10])
        expect(counts[10]).toBeGreaterThan(counts[500])
      })

      it('follows the zipfian CDF over the tail', () => {
        // Gray et al.'s tail is a continuous approximation: it overweights the ranks just after
        // 1 by a few percent, an error that decays along the tail, to under 2% by n/10.
        for (const k of [count / 10, count / 2]) {
          let below = 0
          for (let i = 0; i < k; i++) below += counts[i]
          const expected = zetaEulerMaclaurin(k, theta) / zetaN
          expect(Math.abs(below / DRAWS - expected) / expected).toBeLessThan(0.02)
        }
      })
    })
  }

  it('handles keyspaces of one and two keys with exact probabilities', () => {
    const one = createKeyDistribution(keyspace({count: 1, distribution: 'zipfian'}), createRandom(1, 1))
    for (let i = 0; i < 1000; i++) expect(one.nextKey()).toBe(0)
    const two = createKeyDistribution(keyspace({count: 2, distribution: 'zipfian'}), createRandom(2, 1))
    const counts = histogram(() => two.nextKey(), 2, 100_000)
    const p0 = 1 / (1 + 2 ** -0.99)
    expectNear(counts[0], 100_000 * p0, binomialTolerance(100_000, p0))
  })
})
