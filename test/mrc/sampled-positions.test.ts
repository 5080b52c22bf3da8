import {describe, expect, it} from 'vitest'
import {MULTIPLIER, signedSpatialHash, SIGNED_SALT} from '../../src/generators/spatial-sample.js'
import {SampledPositions} from '../../src/mrc/sampled-positions.js'

/** The multiplier's inverse mod 2³² (Newton's iteration doubles the correct low bits each step). */
function inverseOfMultiplier(): number {
  let inverse = MULTIPLIER | 0
  for (let step = 0; step < 5; step++) inverse = Math.imul(inverse, 2 - Math.imul(MULTIPLIER, inverse))
  return inverse
}

/** The key whose signed hash is `hash`: the hash is an xor then a multiply by an odd number, both undone. */
function keyWithHash(hash: number): number {
  return Math.imul(hash, inverseOfMultiplier()) ^ SIGNED_SALT
}

/** Positions of the keys at most `limit`, tested one by one. */
function expected(keys: ArrayLike<number>, limit: number): number[] {
  const positions: number[] = []
  for (let i = 0; i < keys.length; i++) if (signedSpatialHash(keys[i]) <= limit) positions.push(i)
  return positions
}

function scanned(scanner: SampledPositions, keys: ArrayLike<number>, limit: number): number[] {
  const positions: number[] = []
  for (let next = 0; next < keys.length; ) {
    next = scanner.collect(keys, next, limit)
    for (let p = 0; p < scanner.count; p++) positions.push(scanner.start + scanner.positions[p])
  }
  return positions
}

describe('SHARDS first pass in vectors', () => {
  it('keeps exactly the positions whose signed hash is at most the limit, keys at the limit included', () => {
    let seed = 12345
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) | 0)
    const scanner = new SampledPositions()
    for (const rate of [1e-9, 0.01, 0.37, 1]) {
      const limit = Math.ceil(rate * 2 ** 32) - 1 - 2 ** 31
      // Several chunks and a tail that is not a whole group; keys of either sign; keys exactly at the limit and one past it.
      const keys = Int32Array.from({length: 40_009}, random)
      for (let i = 0; i < 200; i++) keys[random() >>> 17] = keyWithHash(i % 2 === 0 || limit === 2 ** 31 - 1 ? limit : limit + 1)
      expect(keys.some((key) => signedSpatialHash(key) === limit)).toBe(true)
      const want = expected(keys, limit)
      expect(scanned(scanner, keys, limit)).toEqual(want)
      expect(scanned(scanner, Array.from(keys), limit)).toEqual(want)
      expect(scanned(scanner, Float64Array.from(keys), limit)).toEqual(want)
    }
  })
})
