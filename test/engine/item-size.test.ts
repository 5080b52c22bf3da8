import {describe, expect, it} from 'vitest'
import {ITEM_OVERHEAD_BYTES, itemBytes, keyLength, keyName} from '../../src/engine/item-size.js'

describe('item size accounting', () => {
  it('names keys k:<decimal id>', () => {
    expect(keyName(0)).toBe('k:0')
    expect(keyName(42)).toBe('k:42')
  })

  it('computes key length without building the string, at every digit boundary', () => {
    const boundaries = [0, 9, 10, 99, 100, 999_999, 1_000_000, 2 ** 31 - 1]
    for (const key of boundaries) {
      expect(keyLength(key)).toBe(`k:${key}`.length)
    }
  })

  it('charges value + key + the fixed overhead', () => {
    expect(ITEM_OVERHEAD_BYTES).toBeGreaterThanOrEqual(50)
    expect(ITEM_OVERHEAD_BYTES).toBeLessThanOrEqual(60)
    // 1000-byte value, key "k:12345" (7 bytes).
    expect(itemBytes(12345, 1000)).toBe(1000 + 7 + ITEM_OVERHEAD_BYTES)
  })
})
