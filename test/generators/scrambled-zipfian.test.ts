import {describe, expect, it} from 'vitest'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createRandom} from '../../src/generators/random.js'
import {
  argmax,
  binomialTolerance,
  expectNear,
  histogram,
  keyspace,
  littleEndianBytes,
  referenceFnv1a64,
  zetaEulerMaclaurin,
} from './helpers.js'

/** Where the BigInt reference hash sends a rank. */
function referenceScramble(rank: number, count: number): number {
  return Number(referenceFnv1a64(littleEndianBytes(rank)) % BigInt(count))
}

function sortedDescending(counts: Uint32Array, top: number): number[] {
  return [...counts].sort((a, b) => b - a).slice(0, top)
}

describe('scrambled zipfian keys', () => {
  // A large keyspace makes hash collisions matter little to the hot keys: the traffic a key
  // expects from other ranks hashed onto it is Σ p_r / count = 1e-5 of all operations (10 of a
  // million draws), against tolerances of several hundred.
  const count = 100_000
  const draws = 1_000_000
  const spec = keyspace({count, distribution: 'scrambled-zipfian'})
  const keys = createKeyDistribution(spec, createRandom(31, 1))
  const scrambled = histogram(() => keys.nextKey(), count, draws)
  const plainKeys = createKeyDistribution({...spec, distribution: 'zipfian'}, createRandom(32, 1))
  const plain = histogram(() => plainKeys.nextKey(), count, draws)

  it('puts the hottest key where rank 0 hashes, not at key 0', () => {
    const hottest = argmax(scrambled)
    expect(hottest).not.toBe(0)
    expect(hottest).toBe(referenceScramble(0, count))
    const p0 = 1 / zetaEulerMaclaurin(count, 0.99)
    expectNear(scrambled[hottest], draws * p0, binomialTolerance(draws, p0))
    expect(scrambled[referenceScramble(1, count)]).toBe(sortedDescending(scrambled, 2)[1])
  })

  it('keeps the sorted frequency profile of plain zipfian', () => {
    const scrambledTop = sortedDescending(scrambled, 20)
    const plainTop = sortedDescending(plain, 20)
    for (let i = 0; i < 20; i++) {
      // Two independent counts of the same mean: their difference has sd ≈ sqrt(a + b).
      expectNear(scrambledTop[i], plainTop[i], 5 * Math.sqrt(scrambledTop[i] + plainTop[i]))
    }
  })

  it('spreads the hot keys over the keyspace', () => {
    const hottest = sortedDescending(scrambled, 100)
    const threshold = hottest[99]
    let inLowestTenth = 0
    let hot = 0
    for (let key = 0; key < count; key++) {
      if (scrambled[key] < threshold) continue
      hot++
      if (key < count / 10) inLowestTenth++
    }
    // Scattered keys put ~10% of the ~100 hottest in the lowest tenth; plain zipfian puts all of them there.
    expect(inLowestTenth).toBeLessThan(hot / 4)
  })
})
