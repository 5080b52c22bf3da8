import type {KeyDistribution} from './key-distribution.js'

/**
 * A hot-key shift: every key the distribution picks moves `shift` places along the keyspace,
 * wrapping, so popularity keeps its shape but lands on other keys (for zipfian, rank r is key
 * (r + shift) mod count). The keys hot before the shift are cold after it, as when the news of
 * the day changes.
 */
export function rotateKeys(keys: KeyDistribution, shift: number, count: number): KeyDistribution {
  if (!(Number.isInteger(shift) && shift >= 0 && shift < count)) {
    throw new RangeError(`a key rotation must be a whole number from 0 to ${count - 1}, got ${shift}`)
  }
  if (shift === 0) return keys
  const rotate = (key: number): number => {
    const moved = key + shift
    return moved < count ? moved : moved - count
  }
  return {
    nextKey: () => rotate(keys.nextKey()),
    nextWriteKey: () => rotate(keys.nextWriteKey()),
  }
}
