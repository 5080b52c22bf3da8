import {spatialHash} from '../generators/spatial-sample.js'
import {popcount} from './bit-words.js'

/**
 * One bit per key of a known range (keys are whole numbers below `keyCount`), set when the key's
 * spatial hash is below `threshold`: SHARDS's sampling test done once per key rather than once
 * per request, so an unsampled request costs a load and a branch. 1 bit a key — 125 KB per
 * million keys — small enough to stay in the processor's cache where a zipfian stream's keys
 * are.
 */
export function sampledKeyBits(keyCount: number, threshold: number): Int32Array {
  const bits = new Int32Array((keyCount + 31) >>> 5)
  for (let key = 0; key < keyCount; key++) {
    if (spatialHash(key) < threshold) bits[key >>> 5] |= 1 << (key & 31)
  }
  return bits
}

/** `key`'s bit in the lowest place (the shift takes the key's low five bits itself); the rest is noise. */
export function keyBit(bits: Int32Array, key: number): number {
  return bits[key >>> 5] >>> key
}

/** Clears `key`'s bit. */
export function clearKeyBit(bits: Int32Array, key: number): void {
  bits[key >>> 5] &= ~(1 << (key & 31))
}

/** Set bits before each word: with them a set key's rank among the set keys is a popcount away. */
export function wordRanks(bits: Int32Array): Int32Array {
  const ranks = new Int32Array(bits.length)
  for (let word = 1; word < bits.length; word++) ranks[word] = ranks[word - 1] + popcount(bits[word - 1])
  return ranks
}

/** The number of set keys below `key`: dense ids 0, 1, 2, … for the set keys. */
export function rankOf(bits: Int32Array, ranks: Int32Array, key: number): number {
  const word = key >>> 5
  return ranks[word] + popcount(bits[word] & ~(-1 << (key & 31)))
}

/** Set keys in all. */
export function setKeys(bits: Int32Array, ranks: Int32Array): number {
  return bits.length === 0 ? 0 : ranks[bits.length - 1] + popcount(bits[bits.length - 1])
}
