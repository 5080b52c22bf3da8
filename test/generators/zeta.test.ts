import {describe, expect, it} from 'vitest'
import {zeta} from '../../src/generators/zeta.js'
import {zetaEulerMaclaurin} from './helpers.js'

describe('zeta', () => {
  it('is the plain sum for small n', () => {
    expect(zeta(1, 0.99)).toBe(1)
    expect(zeta(2, 0.5)).toBeCloseTo(1 + 1 / Math.SQRT2, 15)
    expect(zeta(3, 0.5)).toBeCloseTo(1 + 1 / Math.SQRT2 + 1 / Math.sqrt(3), 15)
  })

  it('matches an Euler–Maclaurin evaluation for large n', () => {
    // Euler–Maclaurin remainder < 1e-10 plus float summation error (~n·ε relative): 1e-9 relative.
    for (const [n, theta] of [[1000, 0.99], [1_000_000, 0.99], [100_000, 0.5], [50_000, 0.2]]) {
      const expected = zetaEulerMaclaurin(n, theta)
      expect(Math.abs(zeta(n, theta) - expected) / expected).toBeLessThan(1e-9)
    }
  })

  it('returns the memoised value for the same (n, theta)', () => {
    expect(zeta(123_457, 0.9)).toBe(zeta(123_457, 0.9))
    expect(zeta(123_457, 0.9)).not.toBe(zeta(123_457, 0.8))
  })
})
