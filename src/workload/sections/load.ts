import {z} from 'zod'
import {formatLimit, MAX_CONCURRENCY, MAX_IN_FLIGHT, MAX_OPERATIONS, MAX_RUN_MS} from '../limits.js'
import {choice, crossFieldIssue, DURATION_PATTERN, duration, wholeNumber} from '../fields.js'
import {ARRIVAL_NAMES, type LoadSpec, type WarmupSpec} from '../types.js'
import {formatDuration, parseDuration, parseRate} from '../units.js'

export const DEFAULT_OPERATIONS = 100_000

const WARMUP_REQUIREMENT = `must be a whole number of operations from 0 to ${formatLimit(MAX_OPERATIONS)}, or a duration such as 10s`

const warmup = z
  .union([
    z
      .int({error: WARMUP_REQUIREMENT})
      .min(0, {error: WARMUP_REQUIREMENT})
      .max(MAX_OPERATIONS, {error: WARMUP_REQUIREMENT})
      .transform((operations): WarmupSpec => ({operations})),
    // A bare number counts operations here, so only strings with a unit are durations.
    z
      .string()
      .regex(DURATION_PATTERN, {error: WARMUP_REQUIREMENT})
      .transform((text): WarmupSpec => ({durationMs: parseDuration(text)})),
  ], {error: WARMUP_REQUIREMENT})
  .meta({description: 'Leading operations (a number) or leading span of time (a duration) excluded from every figure.'})

const RATE_REQUIREMENT = 'must be a positive rate such as 20000/s or 20k/s, or a number of operations per second'
const RATE_PATTERN = /^\s*\d+(\.\d+)?\s*[kKM]?\s*\/\s*(s|m|h)\s*$/

const rate = z
  .union([z.number({error: RATE_REQUIREMENT}).positive({error: RATE_REQUIREMENT}), z.string().regex(RATE_PATTERN, {error: RATE_REQUIREMENT})], {
    error: RATE_REQUIREMENT,
  })
  .transform((value) => (typeof value === 'number' ? value : parseRate(value)))
  .pipe(z.number().positive({error: RATE_REQUIREMENT}))
  .meta({description: 'Open loop: operations started per second, independent of how fast earlier ones complete.'})

const loadObject = z.strictObject({
  concurrency: wholeNumber(1, 'Operations in flight at once (closed loop).', MAX_CONCURRENCY).prefault(16),
  rate: rate.optional(),
  arrival: choice(ARRIVAL_NAMES, 'Open loop: constant spacing, or Poisson arrivals with the same mean rate.').prefault('constant'),
  maxInFlight: wholeNumber(1, 'Open loop: a start that finds this many operations in flight is dropped and counted.', MAX_IN_FLIGHT).prefault(10_000),
  operations: wholeNumber(1, `Total operations, warm-up included; ${DEFAULT_OPERATIONS} when neither operations nor duration is given.`, MAX_OPERATIONS).optional(),
  duration: duration({positive: true, description: 'Run length, warm-up included; instead of operations.', maxMs: MAX_RUN_MS}).optional(),
  warmup: warmup.prefault(0),
})

/** A bundled workload's warm-up outlasts a short --operations: the message says which flag fixes it. */
export function warmupTooLong(warmup: number, operations: number): string {
  return `(${warmup}) must be less than load.operations (${operations}); shorten it in the file or with --warmup, e.g. --warmup ${Math.floor(operations / 10)}`
}

function toLoadSpec(form: z.output<typeof loadObject>): LoadSpec {
  const {concurrency, operations, duration: durationMs, warmup: warmupSpec, arrival, maxInFlight} = form
  const shared = {concurrency, rate: form.rate ?? null, arrival, maxInFlight, warmup: warmupSpec}
  if (durationMs !== undefined) return {...shared, operations: null, durationMs}
  return {...shared, operations: operations ?? DEFAULT_OPERATIONS, durationMs: null}
}

export const loadSection: z.ZodType<LoadSpec, unknown> = loadObject
  .check((ctx) => {
    if (ctx.value.operations !== undefined && ctx.value.duration !== undefined) {
      ctx.issues.push(crossFieldIssue(ctx.value, 'operations', 'and load.duration are both set; give only one of them', ['duration']))
    }
  })
  .transform(toLoadSpec)
  .check((ctx) => {
    const {operations, durationMs, warmup: warmupSpec, rate} = ctx.value
    if (rate !== null && durationMs !== null && (rate * durationMs) / 1000 > MAX_OPERATIONS) {
      ctx.issues.push(crossFieldIssue(ctx.value, 'rate', `(${formatLimit(rate)}/s) starts ${tooManyStarts((rate * durationMs) / 1000, durationMs)}`, ['duration']))
    }
    // Against the default operation count this is checked with the whole workload (schema.ts): phases set the length.
    if ('operations' in warmupSpec && operations !== null && operations !== DEFAULT_OPERATIONS && warmupSpec.operations >= operations) {
      ctx.issues.push(
        crossFieldIssue(ctx.value, 'warmup', warmupTooLong(warmupSpec.operations, operations), ['operations']),
      )
    }
    if ('durationMs' in warmupSpec && durationMs !== null && warmupSpec.durationMs >= durationMs) {
      ctx.issues.push(
        crossFieldIssue(
          ctx.value,
          'warmup',
          `(${formatDuration(warmupSpec.durationMs)}) must be shorter than load.duration (${formatDuration(durationMs)})`,
          ['duration'],
        ),
      )
    }
  })
  .meta({description: 'How much load to apply: a number of operations or a duration, with an optional warm-up.'})

/** What an open loop starting more than MAX_OPERATIONS operations starts: "12,000,000,000 operations in 2h, more than …". */
export function tooManyStarts(starts: number, durationMs: number, what = 'operations'): string {
  return `${formatLimit(Math.round(starts))} ${what} in ${formatDuration(durationMs)}, more than the ${formatLimit(MAX_OPERATIONS)} a run may have`
}

/** The rate field, for the phases that override it. */
export {rate as rateField}
