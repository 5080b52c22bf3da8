/** Bit counting on the 32-bit words of the curve stacks' live-slot bitmaps. */

/** Set bits of a 32-bit word (the SWAR count: pairs, nibbles, then bytes summed by one multiply). */
export function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
}

/** Lowest set bit's index of a non-zero 32-bit word. */
export function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word)
}
