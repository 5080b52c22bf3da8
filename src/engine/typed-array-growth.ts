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
