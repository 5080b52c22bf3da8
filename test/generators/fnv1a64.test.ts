import {describe, expect, it} from 'vitest'
import {fnv1a64, fnv1a64Mod} from '../../src/generators/fnv1a64.js'
import {createRandom} from '../../src/generators/random.js'
import {littleEndianBytes, referenceFnv1a64} from './helpers.js'

function sampleValues(): number[] {
  const random = createRandom(7)
  const values = [0, 1, 2, 255, 256, 65535, 65536, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER]
  for (let i = 0; i < 1000; i++) values.push(i)
  for (let i = 0; i < 2000; i++) values.push(random.nextUint32())
  for (let i = 0; i < 2000; i++) values.push(random.nextUint32() * 2 ** 21 + (random.nextUint32() >>> 11))
  return values
}

describe('FNV-1a 64', () => {
  it('reference agrees with the published FNV-1a 64 test vectors', () => {
    const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))
    expect(referenceFnv1a64([])).toBe(0xcbf29ce484222325n)
    expect(referenceFnv1a64(ascii('a'))).toBe(0xaf63dc4c8601ec8cn)
    expect(referenceFnv1a64(ascii('foobar'))).toBe(0x85944171f73967e8n)
  })

  it('hashes the 8 little-endian bytes of a value exactly like the BigInt reference', () => {
    const out = new Uint32Array(2)
    for (const value of sampleValues()) {
      fnv1a64(value, out)
      const actual = (BigInt(out[1]) << 32n) | BigInt(out[0])
      expect(actual, `value ${value}`).toBe(referenceFnv1a64(littleEndianBytes(value)))
    }
  })

  it('reduces modulo any modulus below 2^37 exactly like BigInt', () => {
    const moduli = [1, 2, 3, 7, 1000, 100_003, 1_000_000, 2 ** 31 - 1, 2 ** 32, 2 ** 37 - 1]
    for (const value of sampleValues()) {
      const hash = referenceFnv1a64(littleEndianBytes(value))
      for (const modulus of moduli) {
        expect(fnv1a64Mod(value, modulus), `value ${value} mod ${modulus}`).toBe(Number(hash % BigInt(modulus)))
      }
    }
  })
})
