import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {createRandom} from '../../src/generators/random.js'
import {createValueSizeGenerator} from '../../src/generators/value-size.js'
import type {ValueSizeSpec} from '../../src/workload/types.js'
import {binomialTolerance, chiSquareBounds, chiSquareUniform, expectNear, normalCdf} from './helpers.js'

function draw(spec: ValueSizeSpec, draws: number, seed = 81): number[] {
  const sizes = createValueSizeGenerator(spec, createRandom(seed, 3))
  return Array.from({length: draws}, () => sizes.next())
}

const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length

describe('value sizes', () => {
  it('fixed: always the given size', () => {
    expect(new Set(draw({distribution: 'fixed', bytes: 1024}, 1000))).toEqual(new Set([1024]))
  })

  it('uniform: whole bytes in [min, max], both ends included, equally likely', () => {
    const draws = 110_000
    const sizes = draw({distribution: 'uniform', minBytes: 100, maxBytes: 110}, draws)
    const counts = new Array(11).fill(0)
    for (const size of sizes) {
      if (!(Number.isInteger(size) && size >= 100 && size <= 110)) throw new Error(`size ${size} outside [100, 110]`)
      counts[size - 100]++
    }
    expect(counts[0]).toBeGreaterThan(0)
    expect(counts[10]).toBeGreaterThan(0)
    const [low, high] = chiSquareBounds(10)
    expect(chiSquareUniform(counts)).toBeGreaterThan(Math.max(0, low))
    expect(chiSquareUniform(counts)).toBeLessThan(high)
    // Discrete uniform over k = 11 values: variance (k² − 1) / 12.
    expectNear(mean(sizes), 105, 5 * Math.sqrt(120 / 12 / draws))
  })

  it('uniform: fractional bounds keep only the whole bytes inside them', () => {
    expect(new Set(draw({distribution: 'uniform', minBytes: 99.5, maxBytes: 100.5}, 1000))).toEqual(new Set([100]))
  })

  it('normal: mean and standard deviation as given when the bounds are far', () => {
    const draws = 200_000
    const sizes = draw({distribution: 'normal', meanBytes: 4000, stddevBytes: 500, minBytes: 0, maxBytes: 100_000}, draws)
    expect(sizes.every(Number.isInteger)).toBe(true)
    const sampleMean = mean(sizes)
    const sd = Math.sqrt(sizes.reduce((sum, x) => sum + (x - sampleMean) ** 2, 0) / (draws - 1))
    // Rounding adds variance 1/12, negligible against 500²; standard error of a normal sd: σ/√(2N).
    expectNear(sampleMean, 4000, 5 * 500 / Math.sqrt(draws))
    expectNear(sd, 500, 5 * 500 / Math.sqrt(2 * draws))
  })

  it('normal: clamps to [min, max], piling the tails onto the bounds', () => {
    const draws = 200_000
    const sizes = draw({distribution: 'normal', meanBytes: 1000, stddevBytes: 100, minBytes: 900, maxBytes: 1150}, draws)
    expect(sizes.reduce((a, b) => Math.min(a, b))).toBe(900)
    expect(sizes.reduce((a, b) => Math.max(a, b))).toBe(1150)
    // round(x) ≤ 900 exactly when x < 900.5; round(x) ≥ 1150 when x ≥ 1149.5.
    const atMin = normalCdf((900.5 - 1000) / 100)
    const atMax = 1 - normalCdf((1149.5 - 1000) / 100)
    expectNear(sizes.filter((s) => s === 900).length, draws * atMin, binomialTolerance(draws, atMin))
    expectNear(sizes.filter((s) => s === 1150).length, draws * atMax, binomialTolerance(draws, atMax))
  })

  it('repeats for the same seed and differs for another', () => {
    const spec: ValueSizeSpec = {distribution: 'uniform', minBytes: 1, maxBytes: 1_000_000}
    expect(draw(spec, 500, 1)).toEqual(draw(spec, 500, 1))
    expect(draw(spec, 500, 1)).not.toEqual(draw(spec, 500, 2))
  })

  it('rejects impossible bounds', () => {
    const random = createRandom(1)
    expect(() => createValueSizeGenerator({distribution: 'uniform', minBytes: 200, maxBytes: 100}, random)).toThrow(InputError)
    expect(() => createValueSizeGenerator({distribution: 'uniform', minBytes: 10.2, maxBytes: 10.8}, random)).toThrow(InputError)
    expect(() => createValueSizeGenerator({distribution: 'fixed', bytes: -1}, random)).toThrow(/values\.size/)
    expect(() =>
      createValueSizeGenerator({distribution: 'normal', meanBytes: 100, stddevBytes: -5, minBytes: 0, maxBytes: 200}, random),
    ).toThrow(/values\.stddev/)
  })
})
