/**
 * `phases:` — a run told as a sequence of stretches (a ramp, a flash crowd, a hot-key shift),
 * each overriding the rate, concurrency, mix or key distribution for its duration.
 *
 * The rules, checked here and documented in docs/workloads.md:
 * - the run lasts the sum of the phase durations, so load.operations and load.duration are refused;
 * - the run is an open loop when load.rate or any phase gives a rate, and then every phase has a
 *   rate (its own, else load.rate), and none may give a concurrency; otherwise it is a closed
 *   loop whose phases may change the concurrency;
 * - every override is relative to the workload's own settings, not to the previous phase, so a
 *   phase without overrides returns to the workload's settings.
 */
import {THETA_RANGE} from './keyspace.js'
import {z} from 'zod'
import {MAX_CONCURRENCY, MAX_OPERATIONS, MAX_RUN_MS} from '../limits.js'
import {boundedNumber, choice, duration, text, wholeNumber} from '../fields.js'
import {DISTRIBUTION_NAMES, type KeyspaceSpec, type LoadSpec, type MixSpec, type PhaseSpec, type RateRamp} from '../types.js'
import {formatDuration} from '../units.js'
import {exponentialField, hotspotField} from './keyspace.js'
import {rateField, tooManyStarts} from './load.js'
import {mixSection} from './mix.js'

const RAMP_END_REQUIREMENT = 'must be a rate such as 2000/s, or 0'
const RATE_FORMS = 'must be a rate such as 2000/s, or {from, to} for a linear ramp across the phase'
const ROTATE_REQUIREMENT = 'must be a fraction of the keys below 1 (such as 0.5), or a whole number of keys'

const rampEnd = z.union([z.literal(0), rateField], {error: RAMP_END_REQUIREMENT})

const ramp = z
  .strictObject({
    from: rampEnd.meta({description: 'Intended starts per second at the start of the phase.'}),
    to: rampEnd.meta({description: 'Intended starts per second at the end of the phase.'}),
  })
  .check((ctx) => {
    if (ctx.value.from === 0 && ctx.value.to === 0) {
      ctx.issues.push({code: 'custom', input: ctx.value, path: ['to'], message: 'must be above 0 when from is 0: a phase needs some load', continue: true})
    }
  })

const phaseRate = z
  .union([rateField, ramp], {error: RATE_FORMS})
  .transform((value): RateRamp => (typeof value === 'number' ? {from: value, to: value} : value))
  .meta({description: 'Open loop: this phase’s rate, or {from, to} for a linear ramp (start times follow the integrated rate).'})

const rotate = z
  .number({error: ROTATE_REQUIREMENT})
  .min(0, {error: ROTATE_REQUIREMENT})
  .check((ctx) => {
    if (ctx.value >= 1 && !Number.isInteger(ctx.value)) {
      ctx.issues.push({code: 'custom', input: ctx.value, path: [], message: `${ROTATE_REQUIREMENT} (got ${ctx.value})`, continue: true})
    }
  })
  .meta({description: 'Hot-key shift: the popularity ranking moves by this many keys (or this fraction of the keyspace), so other keys are hot.'})

const phaseKeyspace = z
  .strictObject({
    distribution: choice(DISTRIBUTION_NAMES, 'How this phase’s operations pick keys.').optional(),
    theta: boundedNumber(THETA_RANGE, 'Skew of the zipfian family and latest in this phase.').optional(),
    hotspot: hotspotField.optional(),
    exponential: exponentialField.optional(),
    rotate: rotate.optional(),
  })
  .meta({description: 'Key-distribution overrides for this phase; the keyspace.count stays the workload’s.'})

const phase = z
  .strictObject({
    name: text('Name in the per-phase results; phase-<n> (from 1) when absent.').optional(),
    duration: duration({positive: true, description: 'How long the phase lasts; the run lasts the sum of the phase durations.', maxMs: MAX_RUN_MS}),
    rate: phaseRate.optional(),
    concurrency: wholeNumber(1, 'Closed loop: operations in flight during this phase.', MAX_CONCURRENCY).optional(),
    publishers: wholeNumber(1, 'Messaging workloads, closed loop: publishers during this phase (a burst); the same as concurrency there.', MAX_CONCURRENCY).optional(),
    mix: mixSection.optional(),
    keyspace: phaseKeyspace.optional(),
  })
  .meta({description: 'One stretch of the run; fields left out take the workload’s settings.'})

export type PhaseForm = z.output<typeof phase>

export const phasesSection = z
  .array(phase, {error: 'must be a list of phases, each with a duration'})
  .check((ctx) => {
    if (ctx.value.length === 0) ctx.issues.push({code: 'custom', input: ctx.value, path: [], message: 'is an empty list; list at least one phase, or leave phases out', continue: true})
  })
  .meta({description: 'The run as a sequence of phases (ramps, flash crowds, hot-key shifts); per-phase figures are reported beside the whole.'})

type Issue = z.core.$ZodRawIssue<z.core.$ZodIssueCustom>

const issueAt = (path: PropertyKey[], message: string, input: unknown): Issue => ({code: 'custom', input, path, message, continue: true})

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * On the raw document, because the load section fills in a default length: a phased run's
 * length is its phases', so an explicit one is a contradiction.
 */
export function phasedRunLengthIssue(raw: unknown): Issue | undefined {
  if (!isMapping(raw) || raw.phases === undefined || !isMapping(raw.load)) return undefined
  const given = (['operations', 'duration'] as const).find((field) => raw.load && (raw.load as Record<string, unknown>)[field] !== undefined)
  if (given === undefined) return undefined
  return issueAt(
    ['load', given],
    `cannot be combined with phases: a phased run lasts as long as its phases together; leave load.${given} and --${given} out`,
    (raw.load as Record<string, unknown>)[given],
  )
}

interface WorkloadParts {
  keyspace: KeyspaceSpec
  mix: MixSpec
  load: LoadSpec
}

/** True when the run is an open loop: a rate anywhere. */
function isOpenLoop(forms: readonly PhaseForm[], load: LoadSpec): boolean {
  return load.rate !== null || forms.some((form) => form.rate !== undefined)
}

/** Problems that need the rest of the workload: loop mode, the keyspace size, names, warm-up. */
export function phaseIssues(forms: readonly PhaseForm[], parts: WorkloadParts): Issue[] {
  const issues: Issue[] = []
  const open = isOpenLoop(forms, parts.load)
  const names = new Map<string, number>()
  forms.forEach((form, index) => {
    if (open && form.rate === undefined && parts.load.rate === null) {
      issues.push(
        issueAt(
          ['phases', index, 'rate'],
          'is missing: when any phase gives a rate the run is an open loop, so every phase needs a rate (or load.rate as the default)',
          undefined,
        ),
      )
    }
    if (form.publishers !== undefined && form.concurrency !== undefined) {
      issues.push(issueAt(['phases', index, 'publishers'], 'and concurrency are the same setting; give one of them', form.publishers))
    }
    if (open && form.publishers !== undefined) {
      issues.push(
        issueAt(['phases', index, 'publishers'], 'applies only to a closed loop, and this run is an open loop because a rate is given; a phase changes the publish rate with rate', form.publishers),
      )
    }
    if (open && form.concurrency !== undefined) {
      issues.push(
        issueAt(
          ['phases', index, 'concurrency'],
          'applies only to a closed loop, and this run is an open loop because a rate is given; remove it (load.maxInFlight bounds an open loop)',
          form.concurrency,
        ),
      )
    }
    const shift = form.keyspace?.rotate
    if (shift !== undefined && shift >= 1 && shift >= parts.keyspace.count) {
      issues.push(issueAt(['phases', index, 'keyspace', 'rotate'], `(${shift}) must be less than keyspace.count (${parts.keyspace.count})`, shift))
    }
    const name = phaseName(form, index)
    const earlier = names.get(name)
    if (earlier !== undefined) issues.push(issueAt(['phases', index, 'name'], `"${name}" is already the name of phases[${earlier}]`, name))
    else names.set(name, index)
  })
  const total = totalDuration(forms)
  if (total > MAX_RUN_MS) {
    issues.push(issueAt(['phases'], `last ${formatDuration(total)} together, more than a run may (${formatDuration(MAX_RUN_MS)})`, total))
  } else if (open) {
    // Each phase's starts: its mean rate (a ramp's is the middle of its ends) over its duration.
    const starts = forms.reduce((sum, form) => {
      const rate = form.rate ?? {from: parts.load.rate ?? 0, to: parts.load.rate ?? 0}
      return sum + (((rate.from + rate.to) / 2) * form.duration) / 1000
    }, 0)
    if (starts > MAX_OPERATIONS) issues.push(issueAt(['phases'], `start, at their rates, ${tooManyStarts(starts, total)}`, forms))
  }
  const {warmup} = parts.load
  if ('durationMs' in warmup && warmup.durationMs >= total) {
    issues.push(
      issueAt(['load', 'warmup'], `(${formatDuration(warmup.durationMs)}) must be shorter than the phases together (${formatDuration(total)})`, warmup),
    )
  }
  return issues
}

/** Each phase with the workload's settings filled in where it gives none. */
export function resolvePhases(forms: readonly PhaseForm[], parts: WorkloadParts): PhaseSpec[] {
  const open = isOpenLoop(forms, parts.load)
  const defaultRate = parts.load.rate
  return forms.map((form, index) => {
    const {rotate: shift = 0, ...overrides} = form.keyspace ?? {}
    const keyspace = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined))
    return {
      name: phaseName(form, index),
      durationMs: form.duration,
      rate: open ? (form.rate ?? {from: defaultRate as number, to: defaultRate as number}) : null,
      concurrency: open ? null : (form.concurrency ?? form.publishers ?? parts.load.concurrency),
      mix: form.mix ?? parts.mix,
      keyspace: {...parts.keyspace, ...keyspace},
      rotate: shift < 1 ? Math.round(shift * parts.keyspace.count) % parts.keyspace.count : shift,
    }
  })
}

/**
 * The load of a phased run: as long as its phases; an open loop without load.rate reports the
 * mean intended rate there, so every reader of load.rate sees an open loop.
 */
export function phasedLoad(phases: readonly PhaseSpec[], load: LoadSpec): LoadSpec {
  const durationMs = phases.reduce((sum, phase) => sum + phase.durationMs, 0)
  let rate = load.rate
  if (rate === null && phases[0].rate !== null) {
    const operations = phases.reduce((sum, phase) => sum + (((phase.rate as RateRamp).from + (phase.rate as RateRamp).to) / 2) * (phase.durationMs / 1000), 0)
    rate = operations / (durationMs / 1000)
  }
  return {...load, operations: null, durationMs, rate}
}

function phaseName(form: PhaseForm, index: number): string {
  return form.name ?? `phase-${index + 1}`
}

function totalDuration(forms: readonly PhaseForm[]): number {
  return forms.reduce((sum, form) => sum + form.duration, 0)
}
