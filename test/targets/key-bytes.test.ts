import {describe, expect, it} from 'vitest'
import {KeyBytes} from '../../src/targets/key-bytes.js'
import {KEY_NAME_CACHE_LIMIT, KeyNames} from '../../src/targets/key-names.js'

/** Writes key `key` through `keys` into a buffer of its own, with guard bytes either side that must stay untouched. */
function written(keys: KeyBytes, key: number): Buffer {
  const length = keys.byteLength(key)
  const into = Buffer.alloc(length + 6, 0xee)
  expect(keys.write(key, into, 3)).toBe(length)
  expect([...into.subarray(0, 3), ...into.subarray(3 + length)]).toEqual([0xee, 0xee, 0xee, 0xee, 0xee, 0xee])
  return into.subarray(3, 3 + length)
}

describe('KeyBytes', () => {
  it('writes each key name as its UTF-8 bytes, the same on first and later use', () => {
    const names = new KeyNames('cb:test:', 5000)
    const keys = new KeyBytes(names, 5000)
    // Every id, in an order that is not the ids', so the arena outgrows its first 64 KiB (5000 names of ~14 bytes).
    for (let step = 0; step < 5000; step++) {
      const key = (step * 7919) % 5000
      expect(written(keys, key).toString('utf8')).toBe(`cb:test:k:${key}`)
    }
    for (const key of [0, 4999, 1234]) expect(written(keys, key)).toEqual(Buffer.from(`cb:test:k:${key}`, 'utf8'))
  })

  it('writes names that are not ASCII, and long ones, byte for byte', () => {
    const prefix = `präfix-日本-${'x'.repeat(80)}:`
    const keys = new KeyBytes(new KeyNames(prefix, 10), 10)
    for (const key of [3, 9, 3]) expect(written(keys, key)).toEqual(Buffer.from(`${prefix}k:${key}`, 'utf8'))
  })

  it('names ids past the kept range from their names, and ids reserved later', () => {
    const names = new KeyNames('p:', KEY_NAME_CACHE_LIMIT + 10)
    const keys = new KeyBytes(names, KEY_NAME_CACHE_LIMIT + 10)
    expect(written(keys, KEY_NAME_CACHE_LIMIT + 3).toString('utf8')).toBe(`p:k:${KEY_NAME_CACHE_LIMIT + 3}`)

    const growing = new KeyNames('g:', 4)
    const reserved = new KeyBytes(growing, 4)
    expect(written(reserved, 2).toString('utf8')).toBe('g:k:2')
    growing.reserveKeys(5000)
    reserved.reserveKeys(5000)
    expect(written(reserved, 4321).toString('utf8')).toBe('g:k:4321')
    expect(written(reserved, 2).toString('utf8')).toBe('g:k:2')
  })
})
