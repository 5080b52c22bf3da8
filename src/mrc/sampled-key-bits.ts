import {spatialHash} from '../generators/spatial-sample.js'

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

/** Whether `key`'s bit is set. */
export function hasKeyBit(bits: Int32Array, key: number): boolean {
  return (bits[key >>> 5] & (1 << (key & 31))) !== 0
}

/** Clears `key`'s bit. */
export function clearKeyBit(bits: Int32Array, key: number): void {
  bits[key >>> 5] &= ~(1 << (key & 31))
}
