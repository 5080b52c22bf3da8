import {InputError} from '../errors.js'
import type {KeyDistribution} from './key-distribution.js'

export const TWO_POW_32 = 4294967296

/**
 * A key's spatial hash over 32-bit integers: Knuth's multiplicative hashing (TAOCP vol. 3,
 * §6.4) by 2³²/φ, one multiply, since every request of a stream pays for it. It spreads
 * consecutive key numbers evenly (the fractional parts of k·φ). The xor first moves key 0 away
 * from hash 0: zipfian keys are ranks, and without it the hottest key would be in every sample.
 */
export function spatialHash(key: number): number {
  return Math.imul(key ^ SALT, MULTIPLIER) >>> 0
}

const SALT = 0x5bd1e995
/** The multiplier and the salt of `signedSpatialHash`, for code that computes it outside JavaScript. */
export const MULTIPLIER = 0x9e3779b1
const SIGN_BIT = -0x80000000
export const SIGNED_SALT = SALT ^ SIGN_BIT

/**
 * `spatialHash(key)` with its top bit flipped, as a signed 32-bit integer: it orders keys as the
 * unsigned hash does, and compares with an integer limit in 32-bit integers (the unsigned value
 * would be compared as a double). Flipping the multiplicand's top bit flips the product's
 * (2³¹ × an odd number ≡ 2³¹ mod 2³²), so the flip folds into the salt: one xor and one
 * multiply, for loops that test every request of a stream.
 */
export function signedSpatialHash(key: number): number {
  return Math.imul(key ^ SIGNED_SALT, MULTIPLIER)
}

/** Keys drawn in a row, none sampled, before the sample is declared empty: a bounded loop. */
const MAX_DRAWS = 1_000_000

/**
 * The sub-stream of `keys` whose keys hash below `rate` × 2³² (spatial sampling: every access
 * of a sampled key, none of the others), in the order the full stream draws them.
 */
export function spatiallySampled(keys: KeyDistribution, rate: number): KeyDistribution {
  const threshold = rate * TWO_POW_32
  const draw = (next: () => number): number => {
    for (let draws = 0; draws < MAX_DRAWS; draws++) {
      const key = next()
      if (spatialHash(key) < threshold) return key
    }
    throw new InputError(`--sample ${rate}: no sampled key came in ${MAX_DRAWS.toLocaleString('en-US')} draws; use a larger rate.`)
  }
  return {
    nextKey: () => draw(() => keys.nextKey()),
    nextWriteKey: () => draw(() => keys.nextWriteKey()),
    modelsInserts: keys.modelsInserts,
  }
}
