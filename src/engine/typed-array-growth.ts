/** Copies of typed arrays at a larger length; new elements take `fill`. */

export function grownInt32(source: Int32Array, length: number, fill: number): Int32Array {
  const grown = new Int32Array(length)
  grown.set(source)
  if (fill !== 0) grown.fill(fill, source.length)
  return grown
}

export function grownFloat64(source: Float64Array, length: number, fill: number): Float64Array {
  const grown = new Float64Array(length)
  grown.set(source)
  if (fill !== 0) grown.fill(fill, source.length)
  return grown
}

export function grownUint8(source: Uint8Array, length: number): Uint8Array {
  const grown = new Uint8Array(length)
  grown.set(source)
  return grown
}

export function grownUint16(source: Uint16Array, length: number): Uint16Array {
  const grown = new Uint16Array(length)
  grown.set(source)
  return grown
}

/**
 * The length a per-key table grows to so that ids below `count` fit: at least double, so that
 * tables growing one key at a time (a trace replay meets its keys as it goes) copy O(keys) in all.
 */
export function grownLength(length: number, count: number): number {
  return Math.max(count, length * 2, 1024)
}
