const TWO_POW_32 = 4294967296
const OFFSET_BASIS_HIGH = 0xcbf29ce4
const OFFSET_BASIS_LOW = 0x84222325
/**
 * The 64-bit FNV prime is 2^40 + 0x1b3, so multiplying by it is a multiply by 0x1b3 (the low
 * word's product stays below 2^41, exact in a double) plus a 40-bit shift, which only moves the
 * low word's bits into the high word. That keeps the hash on plain numbers, without BigInt.
 */
const PRIME_LOW = 0x1b3

const scratch = new Uint32Array(2)

/**
 * FNV-1a 64 of the 8 little-endian bytes of a non-negative integer value < 2^53 (YCSB's
 * fnvhash64 byte order). Writes the low 32 bits to out[0] and the high 32 bits to out[1].
 */
export function fnv1a64(value: number, out: Uint32Array): void {
  const valueLow = value >>> 0
  const valueHigh = Math.floor(value / TWO_POW_32) >>> 0
  let low = OFFSET_BASIS_LOW
  let high = OFFSET_BASIS_HIGH
  for (let byte = 0; byte < 8; byte++) {
    const octet = (byte < 4 ? valueLow >>> (byte * 8) : valueHigh >>> ((byte - 4) * 8)) & 0xff
    low = (low ^ octet) >>> 0
    const lowProduct = low * PRIME_LOW
    // (low << 8) is the 2^40 term landing in the high word; any int32 sign wraps away in >>> 0.
    high = (Math.imul(high, PRIME_LOW) + Math.floor(lowProduct / TWO_POW_32) + (low << 8)) >>> 0
    low = lowProduct >>> 0
  }
  out[0] = low
  out[1] = high
}

/**
 * The unsigned 64-bit FNV-1a hash of value, modulo modulus (1 ≤ modulus < 2^37). Reduced 16 bits
 * at a time so every intermediate stays below 2^53 and exact.
 */
export function fnv1a64Mod(value: number, modulus: number): number {
  fnv1a64(value, scratch)
  const low = scratch[0]
  let remainder = scratch[1] % modulus
  remainder = (remainder * 65536 + (low >>> 16)) % modulus
  return (remainder * 65536 + (low & 0xffff)) % modulus
}
