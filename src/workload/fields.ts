/**
 * Building blocks for the workload schema's leaf fields. Each carries its requirement as the
 * zod error message ("must be a whole number ≥ 1"), so every way a field can fail reads the
 * same, and messages.ts only has to add the file, the field path and the offending value.
 */
import {z} from 'zod'
import {formatLimit, MAX_DURATION_MS} from './limits.js'
import {formatDuration, formatSize, parseDuration, parseSize} from './units.js'

/** The strings units.ts parses, repeated as patterns so editors flag a bad unit as it is typed. */
export const DURATION_PATTERN = /^\s*(\d+(\.\d+)?|\.\d+)\s*(ns|us|µs|ms|s|m|h)\s*$/
export const SIZE_PATTERN = /^\s*(\d+(\.\d+)?|\.\d+)\s*(B|KB|MB|GB|KiB|MiB|GiB)\s*$/

export interface NumberRange {
  min?: number
  max?: number
  minExclusive?: boolean
  maxExclusive?: boolean
}

/** "between 0 and 1, exclusive", "at least 0 and less than 1", "≥ 0", … */
export function describeRange({min, max, minExclusive = false, maxExclusive = false}: NumberRange): string {
  if (min !== undefined && max !== undefined) {
    if (minExclusive && maxExclusive) return `between ${min} and ${max}, exclusive`
    if (!minExclusive && !maxExclusive) return `between ${min} and ${max}`
    const lower = minExclusive ? `greater than ${min}` : `at least ${min}`
    const upper = maxExclusive ? `less than ${max}` : `at most ${max}`
    return `${lower} and ${upper}`
  }
  if (min !== undefined) return minExclusive ? `greater than ${min}` : `≥ ${min}`
  if (max !== undefined) return maxExclusive ? `less than ${max}` : `≤ ${max}`
  return 'a number'
}

/** A number (fractions allowed) within `range`. */
export function boundedNumber(range: NumberRange, description: string) {
  const phrase = describeRange(range)
  const requirement = range.max === undefined ? `must be a number ${phrase}` : `must be ${phrase}`
  let schema = z.number({error: requirement})
  if (range.min !== undefined) {
    schema = range.minExclusive
      ? schema.gt(range.min, {error: requirement})
      : schema.gte(range.min, {error: requirement})
  }
  if (range.max !== undefined) {
    schema = range.maxExclusive
      ? schema.lt(range.max, {error: requirement})
      : schema.lte(range.max, {error: requirement})
  }
  return schema.meta({description})
}

/** A whole number ≥ `min`, and ≤ `max` when given (see limits.ts: the largest the machine can hold). */
export function wholeNumber(min: number, description: string, max?: number) {
  const requirement = max === undefined ? `must be a whole number ≥ ${min}` : `must be a whole number from ${min} to ${formatLimit(max)}`
  const schema = z.int({error: requirement}).min(min, {error: requirement})
  return (max === undefined ? schema : schema.max(max, {error: requirement})).meta({description})
}

export function flag(description: string) {
  return z.boolean({error: 'must be true or false'}).meta({description})
}

export function text(description: string) {
  return z.string({error: 'must be text'}).trim().min(1, {error: 'must be non-empty text'}).meta({description})
}

export function choice<const Names extends readonly [string, ...string[]]>(names: Names, description: string) {
  // The message is composed from the allowed values (with a suggestion) in messages.ts.
  return z.enum(names).meta({description})
}

export interface DurationOptions {
  description: string
  /** Zero is refused, e.g. for a TTL or a run length. */
  positive?: boolean
  /** Replaces the default wording where the field accepts other forms too. */
  requirement?: string
  /** Longest accepted, in ms; a year (MAX_DURATION_MS) when absent. */
  maxMs?: number
}

/** A duration string (`250us`, `5ms`, `30s`) or a bare number of milliseconds → milliseconds. */
export function duration({description, positive = false, requirement, maxMs}: DurationOptions): z.ZodType<number, number | string> {
  const longest = maxMs ?? MAX_DURATION_MS
  const wording =
    (requirement ??
    `must be a ${positive ? 'positive ' : ''}duration such as 5ms or 30s, or a number of milliseconds${positive ? ' above 0' : ''}`) +
    (maxMs === undefined ? '' : `, at most ${formatDuration(maxMs)}`)
  const bareNumber = positive ? z.number().gt(0, {error: wording}) : z.number().min(0, {error: wording})
  // Checked again after parsing, since "0s" passes the pattern.
  const parsed = positive ? z.number().gt(0, {error: wording}) : z.number()
  // A custom check, so the message quotes the duration ("9000h"), not its milliseconds.
  const atMostLongest = parsed.refine((ms) => ms <= longest, {
    error: (issue) =>
      `${wording}${maxMs === undefined ? `, at most ${formatDuration(MAX_DURATION_MS)} (a year)` : ''} (got ${formatDuration(issue.input as number)})`,
  })
  return z
    .union([bareNumber, z.string().regex(DURATION_PATTERN, {error: wording})], {error: wording})
    .transform((value) => (typeof value === 'number' ? value : parseDuration(value)))
    .pipe(atMostLongest)
    .meta({description})
}

export interface SizeOptions {
  description: string
  /** Smallest size in bytes; 1 unless stated. */
  minBytes?: number
  /** Largest accepted, in bytes. */
  maxBytes?: number
  requirement?: string
}

/** A size string (`512B`, `4KiB`, `64MiB`) or a bare whole number of bytes → bytes. */
export function size({description, minBytes = 1, maxBytes, requirement}: SizeOptions): z.ZodType<number, number | string> {
  const largest = maxBytes === undefined ? '' : `, at most ${formatSize(maxBytes)}`
  const wording =
    (requirement ??
    `must be a size such as 512B or 4KiB, or a whole number of bytes${minBytes > 0 ? ` ≥ ${minBytes}` : ''}`) + largest
  const bytes = z.int({error: wording}).min(minBytes, {error: wording})
  const bounded = maxBytes === undefined ? bytes : bytes.max(maxBytes, {error: wording})
  return z
    .union([bounded, z.string().regex(SIZE_PATTERN, {error: wording})], {error: wording})
    .transform((value) => (typeof value === 'number' ? value : parseSize(value)))
    .pipe(bounded)
    .meta({description})
}

/** Sibling fields a cross-field problem is also about, so an override flag on either is named. */
export interface CrossFieldParams {
  alsoConcerns?: string[]
}

/**
 * A custom issue for a check across fields of one section; messages.ts prints it as
 * `<path of field> <message>.`, so `message` continues the sentence after the field's name.
 */
export function crossFieldIssue(
  input: unknown,
  field: string,
  message: string,
  alsoConcerns?: string[],
): z.core.$ZodRawIssue<z.core.$ZodIssueCustom> {
  const params: CrossFieldParams | undefined = alsoConcerns ? {alsoConcerns} : undefined
  return {code: 'custom', input, path: [field], message, continue: true, params}
}
