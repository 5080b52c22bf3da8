const BARS = '▁▂▃▄▅▆▇█'

/**
 * Values as a row of block characters, at most `width` wide (neighbouring values averaged when
 * there are more). Missing values (null) show as a space. The scale runs from min to max, so
 * a flat series draws a flat line: at the bottom when it is all zeros (nothing happened), at
 * the top otherwise.
 */
export function sparkline(values: ReadonlyArray<number | null>, width: number): string {
  const columns = squeeze(values, width)
  const present = columns.filter((value): value is number => value !== null)
  if (present.length === 0) return ''
  const low = Math.min(...present)
  const span = Math.max(...present) - low
  return columns
    .map((value) => {
      if (value === null) return ' '
      const level = span === 0 ? (value === 0 ? 0 : BARS.length - 1) : Math.round(((value - low) / span) * (BARS.length - 1))
      return BARS[level]
    })
    .join('')
}

function squeeze(values: ReadonlyArray<number | null>, width: number): Array<number | null> {
  if (values.length <= width) return [...values]
  const columns: Array<number | null> = []
  for (let column = 0; column < width; column++) {
    const from = Math.floor((column * values.length) / width)
    const to = Math.floor(((column + 1) * values.length) / width)
    const slice = values.slice(from, to).filter((value): value is number => value !== null)
    columns.push(slice.length === 0 ? null : slice.reduce((a, b) => a + b, 0) / slice.length)
  }
  return columns
}
