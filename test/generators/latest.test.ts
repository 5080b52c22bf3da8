import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createRandom} from '../../src/generators/random.js'
import {argmax, binomialTolerance, expectNear, histogram, keyspace, zetaEulerMaclaurin} from './helpers.js'

const count = 1000
const theta = 0.99

function latestKeys(seed: number) {
  return createKeyDistribution(keyspace({count, distribution: 'latest', theta}), createRandom(seed, 1))
}

describe('latest keys', () => {
  it('writes insert at the head, starting from key 0 and wrapping', () => {
    const keys = latestKeys(51)
    const written = Array.from({length: count + 3}, () => keys.nextWriteKey())
    expect(written.slice(0, 4)).toEqual([0, 1, 2, 3])
    expect(written[count - 1]).toBe(count - 1)
    expect(written.slice(count)).toEqual([0, 1, 2])
  })

  it('before any write, reads concentrate on the last key', () => {
    const keys = latestKeys(52)
    const counts = histogram(() => keys.nextKey(), count, 100_000)
    expect(argmax(counts)).toBe(count - 1)
    expect(counts[count - 2]).toBeGreaterThan(counts[0])
  })

  it('after writes, reads concentrate just behind the head', () => {
    const keys = latestKeys(53)
    for (let i = 0; i < 10; i++) keys.nextWriteKey()
    // The head is now key 9: key 9 is rank 0, key 8 rank 1, and key 10 (the oldest) rank 999.
    const draws = 500_000
    const counts = histogram(() => keys.nextKey(), count, draws)
    const p0 = 1 / zetaEulerMaclaurin(count, theta)
    const p1 = p0 * 2 ** -theta
    expect(argmax(counts)).toBe(9)
    expectNear(counts[9], draws * p0, binomialTolerance(draws, p0))
    expectNear(counts[8], draws * p1, binomialTolerance(draws, p1))
    // The ring wraps: rank 10 behind the head is key 999, more popular than the keys just ahead of the head.
    expect(counts[999]).toBeGreaterThan(counts[10] * 10)
  })

  it('reads follow the head as it moves', () => {
    const keys = latestKeys(54)
    for (let i = 0; i < 500; i++) keys.nextWriteKey()
    const counts = histogram(() => keys.nextKey(), count, 100_000)
    expect(argmax(counts)).toBe(499)
  })
})
