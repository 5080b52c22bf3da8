import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createRandom} from '../../src/generators/random.js'
import {chiSquareBounds, chiSquareUniform, histogram, keyspace} from './helpers.js'

describe('uniform keys', () => {
  it('gives every key the same frequency (chi-square)', () => {
    const count = 1000
    const keys = createKeyDistribution(keyspace({count}), createRandom(11, 1))
    const counts = histogram(() => keys.nextKey(), count, 500_000)
    const [low, high] = chiSquareBounds(count - 1)
    const statistic = chiSquareUniform(counts)
    expect(statistic).toBeGreaterThan(low)
    expect(statistic).toBeLessThan(high)
  })

  it('writes follow the same distribution', () => {
    const count = 50
    const keys = createKeyDistribution(keyspace({count}), createRandom(12, 1))
    const counts = histogram(() => keys.nextWriteKey(), count, 100_000)
    const [low, high] = chiSquareBounds(count - 1)
    expect(chiSquareUniform(counts)).toBeGreaterThan(low)
    expect(chiSquareUniform(counts)).toBeLessThan(high)
  })
})
