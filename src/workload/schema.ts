/**
 * The workload file format (version 1), written once: it validates files, fills defaults,
 * resolves units into the normalised `Workload`, and emits the published JSON Schema.
 */
import {z} from 'zod'
import {text, wholeNumber} from './fields.js'
import {formatLimit, MAX_OPERATIONS} from './limits.js'
import {cacheSection} from './sections/cache.js'
import {eventsSection, eventTimeIssues, isDisconnect} from './sections/events.js'
import {keyspaceSection} from './sections/keyspace.js'
import {loadSection, tooManyStarts, warmupTooLong} from './sections/load.js'
import {disconnectIssues, messagingConflictIssues, messagingLoad, messagingSection, toMessagingSpec, type MessagingForm} from './sections/messaging.js'
import {DEFAULT_MIX, mixSection} from './sections/mix.js'
import {originSection} from './sections/origin.js'
import {phasedLoad, phasedRunLengthIssue, phaseIssues, phasesSection, resolvePhases} from './sections/phases.js'
import {strategySection} from './sections/strategy.js'
import {structuresSection} from './sections/structures.js'
import {thresholdsSection} from './sections/thresholds.js'
import {traceConflictIssue, traceSection} from './sections/trace.js'
import {valuesSection} from './sections/values.js'
import type {DisconnectSpec, EventSpec, LoadSpec, Workload} from './types.js'

/** What the schema yields; the loader adds the name's default (from the file name) and the file. */
export type ValidatedWorkload = Omit<Workload, 'name' | 'file'> & {name: string | null}

/** The phases' one check on the raw document (see phasedRunLengthIssue); the rest is the schema proper. */
export const workloadSchema = z.preprocess((raw, ctx) => {
  for (const issue of [phasedRunLengthIssue(raw), traceConflictIssue(raw), ...messagingConflictIssues(raw)]) if (issue) ctx.issues.push(issue)
  return raw
}, z
  .strictObject(
    {
      $schema: z.string().optional().meta({description: 'JSON Schema reference for editors; ignored when running.'}),
      version: z.literal(1, {error: 'must be 1'}).meta({description: 'Format version; must be 1.'}),
      name: text('Name shown in reports; the file name without extension when absent.').optional(),
      description: text('What the workload models.').nullable().optional(),
      seed: wholeNumber(0, 'Seed of every random choice: the same seed, workload and flags on the builtin target give an identical result.').prefault(1),
      keyspace: keyspaceSection.prefault({}),
      values: valuesSection.prefault({}),
      mix: mixSection.prefault({...DEFAULT_MIX}),
      structures: structuresSection.prefault({}),
      strategy: strategySection.prefault({}),
      origin: originSection.prefault({}),
      cache: cacheSection.prefault({}),
      load: loadSection.prefault({}),
      thresholds: thresholdsSection.prefault([]),
      phases: phasesSection.optional(),
      events: eventsSection.optional(),
      trace: traceSection.optional(),
      messaging: messagingSection.optional(),
    },
    // Only the wrong-type case: unknown fields keep the generic wording with its suggestion.
    {error: (issue) => (issue.code === 'invalid_type' ? 'must be a mapping of workload fields, starting with version: 1' : undefined)},
  )
  .check((ctx) => {
    const load = effectiveLoad(ctx.value.load, ctx.value.messaging)
    if (ctx.value.phases) ctx.issues.push(...phaseIssues(ctx.value.phases, {...ctx.value, load}))
    if (ctx.value.events) ctx.issues.push(...eventKindIssues(ctx.value.events, ctx.value.messaging !== undefined))
  })
  .transform(
    (form): ValidatedWorkload => {
      const file = {...form, load: effectiveLoad(form.load, form.messaging)}
      const events = form.events?.filter((event): event is EventSpec => !isDisconnect(event))
      const disconnects = form.events?.filter(isDisconnect) ?? []
      return {
      version: file.version,
      name: file.name ?? null,
      description: file.description ?? null,
      seed: file.seed,
      keyspace: file.keyspace,
      values: file.values,
      mix: file.mix,
      structures: file.structures,
      strategy: file.strategy,
      origin: file.origin,
      cache: file.cache,
      load: file.load,
      thresholds: file.thresholds,
      ...(file.phases ? phasedRun(file.phases, file) : {}),
      ...(events?.length ? {events} : {}),
      ...(file.trace ? {trace: file.trace} : {}),
      ...(file.messaging ? {messaging: toMessagingSpec(file.messaging, disconnects)} : {}),
      }
    },
  )
  .check((ctx) => {
    if (ctx.value.events) ctx.issues.push(...eventTimeIssues(ctx.value.events, ctx.value.load.durationMs))
    if (ctx.value.messaging) ctx.issues.push(...eventTimeIssues(ctx.value.messaging.disconnects, ctx.value.load.durationMs), ...disconnectIssues(ctx.value.messaging))
    const {warmup, operations, rate, durationMs} = ctx.value.load
    // publish.rate is folded into the load after the load section's own check of its rate.
    if (ctx.value.messaging && !ctx.value.phases && rate !== null && durationMs !== null && (rate * durationMs) / 1000 > MAX_OPERATIONS) {
      ctx.issues.push({
        code: 'custom',
        input: rate,
        path: ['messaging', 'publish', 'rate'],
        message: `(${formatLimit(rate)}/s) publishes ${tooManyStarts((rate * durationMs) / 1000, durationMs, 'messages')}`,
      })
    }
    if (!ctx.value.phases && 'operations' in warmup && operations !== null && warmup.operations >= operations) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['load', 'warmup'],
        message: warmupTooLong(warmup.operations, operations),
        params: {alsoConcerns: ['operations']},
        continue: true,
      })
    }
  })
  .meta({
    title: 'cache-bench workload',
    description: 'A cache-bench workload file (version 1): keyspace, values, mix, strategy, origin, cache, load, thresholds, phases and events.',
  }))

function effectiveLoad(load: LoadSpec, messaging: MessagingForm | undefined): LoadSpec {
  return messaging ? messagingLoad(load, messaging) : load
}

/** Disconnects belong to messaging workloads and actions to cache workloads. */
function eventKindIssues(events: ReadonlyArray<EventSpec | DisconnectSpec>, messaging: boolean): z.core.$ZodRawIssue[] {
  return events.flatMap((event, index) => {
    if (isDisconnect(event) === messaging) return []
    const [field, message] = messaging
      ? ['action', 'applies only to cache workloads; a messaging workload has disconnect events such as {at: 5s, disconnect: subscriber, for: 2s}']
      : ['disconnect', 'applies only to messaging workloads (with a messaging section)']
    return [{code: 'custom' as const, input: event, path: ['events', index, field], message, continue: true}]
  })
}

function phasedRun(forms: Parameters<typeof resolvePhases>[0], parts: Parameters<typeof resolvePhases>[1]): Pick<ValidatedWorkload, 'phases' | 'load'> {
  const phases = resolvePhases(forms, parts)
  return {phases, load: phasedLoad(phases, parts.load)}
}
