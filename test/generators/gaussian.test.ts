import {describe, expect, it} from 'vitest'
import {Gaussian} from '../../src/generators/gaussian.js'
import {createRandom} from '../../src/generators/random.js'
import {binomialTolerance, expectNear} from './helpers.js'

describe('Gaussian', () => {
  const draws = 400_000
  const gaussian = new Gaussian(createRandom(71, 3))
  const samples = Float64Array.from({length: draws}, () => gaussian.next())

  it('has mean 0 and variance 1', () => {
    const mean = samples.reduce((sum, x) => sum + x, 0) / draws
    const variance = samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (draws - 1)
    // Standard errors: 1/√N for the mean, √(2/N) for the variance of a normal sample.
    expectNear(mean, 0, 5 / Math.sqrt(draws))
    expectNear(variance, 1, 5 * Math.sqrt(2 / draws))
  })

  it('puts 68.27% within one and 95.45% within two standard deviations', () => {
    for (const [width, share] of [[1, 0.682689492], [2, 0.954499736]]) {
      const inside = samples.filter((x) => Math.abs(x) < width).length
      expectNear(inside, draws * share, binomialTolerance(draws, share))
    }
  })

  it('pairs successive deviates without correlation', () => {
    // Box–Muller returns cos and sin of the same draw in turn; they must be uncorrelated.
    let product = 0
    for (let i = 0; i + 1 < draws; i += 2) product += samples[i] * samples[i + 1]
    expectNear(product / (draws / 2), 0, 5 / Math.sqrt(draws / 2))
  })

  it('repeats for the same seed', () => {
    const a = new Gaussian(createRandom(72, 3))
    const b = new Gaussian(createRandom(72, 3))
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next())
  })
})
