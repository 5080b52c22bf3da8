/** Number formats shared by the human-readable reports. Missing values show as a dash. */

export const MISSING = '-'

const COMPACT_UNITS = [
  {factor: 1e12, suffix: 'T'},
  {factor: 1e9, suffix: 'G'},
  {factor: 1e6, suffix: 'M'},
  {factor: 1e3, suffix: 'k'},
] as const

/** `1,234,567`; past `maxLength` characters, three significant digits with a suffix: `1.23G`. */
export function formatCount(value: number | null, maxLength = Number.POSITIVE_INFINITY): string {
  if (value === null) return MISSING
  if (!Number.isFinite(value)) return String(value)
  const grouped = Math.round(value).toLocaleString('en-US')
  if (grouped.length <= maxLength) return grouped
  const magnitude = Math.abs(value)
  const unit = COMPACT_UNITS.find((candidate) => magnitude >= candidate.factor) ?? COMPACT_UNITS[COMPACT_UNITS.length - 1]
  return `${significant(value / unit.factor, 3)}${unit.suffix}`
}

/** Operations per second: whole numbers when large, a few decimals when tiny. */
export function formatRate(value: number | null, maxLength?: number): string {
  if (value === null) return MISSING
  return Math.abs(value) >= 100 ? formatCount(value, maxLength) : significant(value, 3)
}

/**
 * A 0..1 ratio as a percentage with enough digits to be honest at the ends: a ratio below 1
 * never prints as `100%` and one above 0 never as `0%`.
 */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return MISSING
  if (!Number.isFinite(ratio)) return String(ratio)
  const percent = ratio * 100
  if (percent === 0 || percent === 100) return `${percent}%`
  let decimals = percent >= 10 ? 1 : percent >= 1 ? 2 : 0
  let text = decimals === 0 ? significant(percent, 2) : trimZeros(percent.toFixed(decimals))
  while ((Number(text) === 100 || Number(text) === 0) && decimals < 6) {
    decimals++
    text = trimZeros(percent.toFixed(decimals))
  }
  return `${text}%`
}

/** A plain figure for threshold and diff messages: integers in full (grouped, as counts are), fractions to four significant digits, or one decimal from 1,000 up. */
export function formatPlain(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value)) return Math.abs(value) >= 1e21 ? String(value) : value.toLocaleString('en-US')
  if (Math.abs(value) >= 1000) return value.toLocaleString('en-US', {maximumFractionDigits: 1})
  return significant(value, 4)
}

function significant(value: number, digits: number): string {
  return String(Number(value.toPrecision(digits)))
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}
