import {z} from 'zod'
import {choice, text, wholeNumber} from '../fields.js'
import {TRACE_FORMAT_NAMES, type TraceSpec} from '../types.js'

const SPEED_REQUIREMENT = 'must be a positive number (1 = the trace\'s own pacing, 10 = ten times faster) or max'

const speed = z
  .union([z.string().regex(/^max$/, {error: SPEED_REQUIREMENT}).transform(() => 'max' as const), z.number({error: SPEED_REQUIREMENT}).positive({error: SPEED_REQUIREMENT})], {error: SPEED_REQUIREMENT})
  .meta({description: "Pacing: 1 follows the trace's timestamps, 10 replays ten times faster, max replays back to back."})

export const traceSection: z.ZodType<TraceSpec, unknown> = z
  .strictObject({
    file: text('The trace file, relative to the workload file; .gz and .zst are decompressed as they are read.'),
    format: choice(TRACE_FORMAT_NAMES, 'Layout of the trace file.'),
    speed: speed.optional(),
    skipBadRecords: wholeNumber(0, 'Malformed records tolerated (and counted) before the trace is refused.').prefault(0),
  })
  .transform((form): TraceSpec => ({file: form.file, format: form.format, speed: form.speed ?? null, skipBadRecords: form.skipBadRecords, wholeTrace: true}))
  .meta({description: 'Replay a cache trace: keys, value sizes, operations, TTLs and arrival times come from it.'})

/** The sections a trace replaces: giving both is a contradiction, named on the raw document. */
export const TRACE_REPLACES = ['keyspace', 'values', 'mix', 'phases'] as const

type Issue = z.core.$ZodRawIssue<z.core.$ZodIssueCustom>

export function traceConflictIssue(raw: unknown): Issue | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined
  const document = raw as Record<string, unknown>
  if (document.trace === undefined) return undefined
  const conflict = TRACE_REPLACES.find((section) => document[section] !== undefined)
  if (conflict === undefined) return undefined
  return {
    code: 'custom',
    input: document[conflict],
    path: [conflict],
    message: `cannot be combined with trace: the trace gives the keys, value sizes, operation mix and pacing; remove ${conflict}`,
    continue: true,
  }
}
