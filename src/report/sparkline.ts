const BARS = '▁▂▃▄▅▆▇█'
/** Relative spread below which a series draws flat: under 1% of its largest value. */
const FLAT = 0.01

/**
 * Values as a row of block characters, at most `width` wide (neighbouring values averaged when
 * there are more). Missing values (null) show as a space. The scale runs from min to max, so
 * a flat series draws a flat line: at the bottom when it is all zeros (nothing happened), at
 * the top otherwise. A series whose values all lie within FLAT of its largest is flat too: an
 * open loop's throughput of 500 and 501 a second drew a full bar beside low ones, a drop that
 * never happened.
 */
export function sparkline(values: ReadonlyArray<number | null>, width: number): string {
  const columns = squeeze(values, width)
  const present = columns.filter((value): value is number => value !== null)
  if (present.length === 0) return ''
  const low = Math.min(...present)
  const high = Math.max(...present)
  const span = high - low <= FLAT * Math.max(Math.abs(low), Math.abs(high)) ? 0 : high - low
  return columns
    .map((value) => {
      if (value === null) return ' '
      const level = span === 0 ? (high === 0 ? 0 : BARS.length - 1) : Math.round(((value - low) / span) * (BARS.length - 1))
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
