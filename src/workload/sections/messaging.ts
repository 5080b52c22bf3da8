/**
 * `messaging:` — a Pub/Sub or Streams workload: publishers send messages to channels (or
 * streams), receivers on their own connections get them, and the run reports delivery latency,
 * losses and lag instead of hits and staleness.
 *
 * Its pacing is the ordinary `load` section's (operations = messages published, or a duration,
 * warm-up, phases): publish.rate stands for load.rate and publish.publishers for the
 * connections that publish (the closed loop's concurrency). The cache sections have no meaning
 * here, so giving them is refused by name; `cache.latency` stays, as the builtin target's model
 * of one hop to the server.
 */
import {z} from 'zod'
import {choice, crossFieldIssue, duration, flag, size, wholeNumber} from '../fields.js'
import {MAX_CHANNELS, MAX_CONCURRENCY, MAX_RECEIVERS, MAX_STRUCTURE_SIZE, MAX_VALUE_BYTES, MESSAGE_HEADER_BYTES} from '../limits.js'
import {ARRIVAL_NAMES, DISTRIBUTION_NAMES, type ArrivalName, type DisconnectSpec, type KeyspaceSpec, type LoadSpec, type MessagingSpec, type PubSubSpec, type StreamsSpec} from '../types.js'
import {formatSize} from '../units.js'
import {distributionShapeFields} from './keyspace.js'
import {rateField} from './load.js'

const channels: z.ZodType<KeyspaceSpec, unknown> = z
  .strictObject({
    count: wholeNumber(1, 'Number of channels (or streams).', MAX_CHANNELS).prefault(16),
    distribution: choice(DISTRIBUTION_NAMES, 'How each message picks its channel (as keyspace.distribution picks keys).').prefault('uniform'),
    ...distributionShapeFields,
  })
  .meta({description: 'The channels (Pub/Sub) or streams messages go to, and how often each is chosen.'})

const payload = z
  .strictObject({
    size: size({
      description: `Bytes of each message, its ${MESSAGE_HEADER_BYTES}-byte header (publish time, publisher, sequence) included.`,
      minBytes: MESSAGE_HEADER_BYTES,
      maxBytes: MAX_VALUE_BYTES,
      requirement: `must be a size of at least ${formatSize(MESSAGE_HEADER_BYTES)} (the message header), such as 256B`,
    }).prefault('256B'),
  })
  .meta({description: 'What each message carries.'})

const publish = z
  .strictObject({
    rate: rateField.optional().meta({description: 'Open loop: messages published per second, whatever the replies (this is load.rate).'}),
    arrival: choice(ARRIVAL_NAMES, 'Open loop: constant spacing, or Poisson arrivals with the same mean rate (this is load.arrival).').optional(),
    publishers: wholeNumber(1, 'Publisher connections; without a rate each publishes its next message when the previous one is acknowledged (a closed loop).', MAX_CONCURRENCY).prefault(1),
  })
  .meta({description: 'How messages are published: at a rate (open loop), or as fast as a number of publishers can (closed loop).'})

const pubsub: z.ZodType<PubSubSpec, unknown> = z
  .strictObject({
    subscribers: wholeNumber(1, 'Subscribers, each on a connection of its own.', MAX_RECEIVERS).prefault(1),
    patterns: flag('Subscribers PSUBSCRIBE one pattern matching every channel instead of SUBSCRIBE-ing channels.').prefault(false),
    sharded: flag('Redis Cluster 7 and later: SPUBLISH / SSUBSCRIBE, each channel served by the node owning its slot.').prefault(false),
    channelsPerSubscriber: wholeNumber(1, 'Channels each subscriber listens to (consecutive ones, wrapping); every channel when absent.', MAX_CHANNELS).optional(),
  })
  .check((ctx) => {
    const {patterns, sharded, channelsPerSubscriber} = ctx.value
    if (patterns && sharded) ctx.issues.push(crossFieldIssue(ctx.value, 'patterns', 'cannot be combined with sharded: Redis has no sharded pattern subscription', ['sharded']))
    if (patterns && channelsPerSubscriber !== undefined) {
      ctx.issues.push(crossFieldIssue(ctx.value, 'channelsPerSubscriber', 'cannot be combined with patterns: a pattern subscriber receives every channel', ['patterns']))
    }
  })
  .transform((form): PubSubSpec => ({...form, channelsPerSubscriber: form.channelsPerSubscriber ?? null}))
  .meta({description: 'Pub/Sub: PUBLISH fan-out to subscribers (SUBSCRIBE, PSUBSCRIBE, or sharded SSUBSCRIBE).'})

const streams: z.ZodType<StreamsSpec, unknown> = z
  .strictObject({
    maxlen: wholeNumber(1, 'Approximate length each stream is trimmed to (XADD MAXLEN ~).', MAX_STRUCTURE_SIZE).prefault(10_000),
    groups: wholeNumber(1, 'Consumer groups; each receives every message.', MAX_RECEIVERS).prefault(1),
    consumersPerGroup: wholeNumber(1, 'Consumers in each group, each on a connection of its own; a message goes to one of them.', MAX_RECEIVERS).prefault(1),
    block: duration({positive: true, description: 'How long one XREADGROUP waits for new entries (BLOCK).'}).prefault('100ms'),
  })
  .check((ctx) => {
    const {groups, consumersPerGroup} = ctx.value
    if (groups * consumersPerGroup > MAX_RECEIVERS) {
      ctx.issues.push(crossFieldIssue(ctx.value, 'consumersPerGroup', `× groups (${groups * consumersPerGroup}) must be at most ${MAX_RECEIVERS} connections`, ['groups']))
    }
  })
  .transform(({block, ...rest}): StreamsSpec => ({...rest, blockMs: block}))
  .meta({description: 'Streams: XADD with MAXLEN ~, consumer groups reading with XREADGROUP and acknowledging with XACK.'})

const messagingObject = z
  .strictObject({
    channels: channels.prefault({}),
    payload: payload.prefault({}),
    publish: publish.prefault({}),
    pubsub: pubsub.optional(),
    streams: streams.optional(),
  })
  .check((ctx) => {
    const given = (['pubsub', 'streams'] as const).filter((name) => ctx.value[name] !== undefined)
    if (given.length === 1) return
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      path: [given.length === 0 ? 'pubsub' : 'streams'],
      message: given.length === 0 ? 'is missing: give exactly one of messaging.pubsub or messaging.streams' : 'cannot be combined with messaging.pubsub: give exactly one of them',
      continue: true,
    })
  })
  .meta({description: 'A Pub/Sub or Streams workload: channels, payload, publishing and exactly one of pubsub / streams.'})

export type MessagingForm = z.output<typeof messagingObject>
export const messagingSection = messagingObject

/** The `load` a messaging workload runs with: publish.rate and publishers folded in. */
export function messagingLoad(load: LoadSpec, form: MessagingForm): LoadSpec {
  const arrival: ArrivalName = form.publish.arrival ?? load.arrival
  return {...load, rate: form.publish.rate ?? load.rate, arrival, concurrency: form.publish.publishers}
}

/** The sections a messaging workload has no use for: giving one is a contradiction, named on the raw document. */
export const MESSAGING_EXCLUDES = ['keyspace', 'values', 'mix', 'structures', 'strategy', 'origin', 'trace'] as const

type Issue = z.core.$ZodRawIssue<z.core.$ZodIssueCustom>

export function messagingConflictIssues(raw: unknown): Issue[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return []
  const document = raw as Record<string, unknown>
  if (document.messaging === undefined) return []
  const issues: Issue[] = MESSAGING_EXCLUDES.filter((section) => document[section] !== undefined).map((section) => ({
    code: 'custom',
    input: document[section],
    path: [section],
    message: `cannot be combined with messaging: a messaging workload publishes messages to channels and has no ${section}; remove ${section}`,
    continue: true,
  }))
  const load = document.load
  if (typeof load === 'object' && load !== null) {
    for (const field of ['rate', 'concurrency'] as const) {
      if ((load as Record<string, unknown>)[field] === undefined) continue
      const instead = field === 'rate' ? 'messaging.publish.rate' : 'messaging.publish.publishers'
      issues.push({code: 'custom', input: (load as Record<string, unknown>)[field], path: ['load', field], message: `is given by ${instead} in a messaging workload; move it there`, continue: true})
    }
  }
  return issues
}

export function toMessagingSpec(form: MessagingForm, disconnects: DisconnectSpec[]): MessagingSpec {
  return {
    channels: form.channels,
    payloadBytes: form.payload.size,
    publishers: form.publish.publishers,
    pubsub: form.pubsub ?? null,
    streams: form.streams ?? null,
    disconnects,
  }
}

/** A disconnect must name receivers the workload has: subscribers for Pub/Sub, consumers for Streams. Paths from the top of the workload. */
export function disconnectIssues(spec: MessagingSpec): Issue[] {
  const available = {subscriber: spec.pubsub?.subscribers ?? 0, consumer: spec.streams ? spec.streams.groups * spec.streams.consumersPerGroup : 0}
  const issues: Issue[] = []
  // Disconnects sit among the events in the file; their index there is not kept, so the message names the event by its time and role.
  spec.disconnects.forEach((event) => {
    const have = available[event.role]
    if (have === 0) {
      const needs = event.role === 'subscriber' ? 'messaging.pubsub' : 'messaging.streams'
      issues.push({code: 'custom', input: event, path: ['events'], message: `disconnect: ${event.role} needs ${needs}, which this workload does not have`, continue: true})
    } else if (event.count > have) {
      issues.push({code: 'custom', input: event, path: ['events'], message: `disconnect: ${event.role} count (${event.count}) must be at most the workload's ${event.role}s (${have})`, continue: true})
    }
  })
  return issues
}
