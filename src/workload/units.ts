import {InputError} from '../errors.js'

const DURATION_UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
}

const SIZE_UNITS_BYTES: Record<string, number> = {
  B: 1,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
}

const QUANTITY = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Zµ]*)\s*$/

function splitQuantity(text: string): {amount: number; unit: string} | undefined {
  const match = QUANTITY.exec(text)
  if (!match) return undefined
  return {amount: Number(match[1]), unit: match[2]}
}

/** Parses `250us`, `5ms`, `30s`, `2m`, `1h` into milliseconds (fractions kept). */
export function parseDuration(text: string, what = 'duration'): number {
  const parts = splitQuantity(text)
  const factor = parts && DURATION_UNITS_MS[parts.unit]
  if (!parts || factor === undefined) {
    throw new InputError(`${what} "${text}" is not a duration: use a number with ns, us, ms, s, m or h, e.g. 5ms or 30s.`)
  }
  return parts.amount * factor
}

/** Parses `512B`, `4KiB`, `64MiB`, `1GiB` (and a bare number of bytes) into bytes. */
export function parseSize(text: string | number, what = 'size'): number {
  if (typeof text === 'number') return text
  const parts = splitQuantity(text)
  const factor = parts && SIZE_UNITS_BYTES[parts.unit === '' ? 'B' : parts.unit]
  if (!parts || factor === undefined) {
    throw new InputError(`${what} "${text}" is not a size: use a number with B, KiB, MiB or GiB, e.g. 512B or 4KiB.`)
  }
  return Math.round(parts.amount * factor)
}

/** Parses `20000/s`, `20k/s`, `1.5M/s`, `600/m` into operations per second. */
export function parseRate(text: string | number, what = 'rate'): number {
  if (typeof text === 'number') return text
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kKM]?)\s*\/\s*(s|m|h)\s*$/.exec(text)
  if (!match) {
    throw new InputError(`${what} "${text}" is not a rate: use operations per unit of time, e.g. 20000/s or 20k/s.`)
  }
  const multiplier = match[2] === '' ? 1 : match[2] === 'M' ? 1e6 : 1e3
  const perSeconds = {s: 1, m: 60, h: 3600}[match[3] as 's' | 'm' | 'h']
  return (Number(match[1]) * multiplier) / perSeconds
}

export function isDuration(text: string): boolean {
  const parts = splitQuantity(text)
  return parts !== undefined && DURATION_UNITS_MS[parts.unit] !== undefined
}

/** Formats milliseconds for people: `850us`, `12.3ms`, `4.20s`. */
export function formatDuration(ms: number, extraDigits = 0): string {
  if (!Number.isFinite(ms)) return String(ms)
  if (ms === 0) return '0'
  // Below a microsecond, "0us" would say nothing (--interval 1ns was "widened from 0us").
  if (ms < 0.001) return `${trim(ms * 1_000_000, extraDigits)}ns`
  if (ms < 1) return `${trim(ms * 1000, extraDigits)}us`
  if (ms < 1000) return `${trim(ms, extraDigits)}ms`
  if (ms < 120_000) return `${trim(ms / 1000, extraDigits)}s`
  if (ms < 7_200_000) return `${trim(ms / 60_000, extraDigits)}m`
  return `${trim(ms / 3_600_000, extraDigits)}h`
}

/** Formats bytes for people: `512B`, `4KiB`, `1.5MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`
  if (bytes < 1024 ** 2) return `${trim(bytes / 1024)}KiB`
  if (bytes < 1024 ** 3) return `${trim(bytes / 1024 ** 2)}MiB`
  return `${trim(bytes / 1024 ** 3)}GiB`
}

/** Three significant digits or so (`extraDigits` more), trailing zeros dropped. */
function trim(value: number, extraDigits = 0): string {
  const digits = (value >= 100 ? 0 : value >= 10 ? 1 : 2) + extraDigits
  return Number(value.toFixed(Math.min(20, digits))).toString()
}
