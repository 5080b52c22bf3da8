/**
 * The `cache-bench.result/v1` document of a messaging run: the cache figures stay at zero,
 * `summary.operations` counts messages published, `summary.messaging` holds the deliveries and
 * `latencyMs.delivery` their latency (docs/contracts.md, Result JSON).
 */
import {RESULT_SCHEMA, type EventOutcome, type MessagingSummary, type ReceiverSummary, type Result, type StreamGroupSummary, type TimelinePoint} from '../metrics/result.js'
import {emptySummary} from '../metrics/summary-template.js'
import type {LoadDriveOutcome} from '../runner/drive-load.js'
import type {TargetUrl} from '../targets/target-url.js'
import {TOOL} from '../version.js'
import {assembleResult, type ResultFields} from '../result/assemble-result.js'
import {measuredSpanMs} from '../result/build-result.js'
import type {Workload} from '../workload/types.js'
import type {DeliveryTracker} from './delivery-tracker.js'
import type {MessagingFinal} from './messaging-target.js'
import type {GroupFigures} from './streams/stream-figures.js'
import {formatLimit} from '../workload/limits.js'

export interface MessagingRunFigures {
  workload: Workload
  kind: 'pubsub' | 'streams'
  url: TargetUrl
  clock: 'virtual' | 'real'
  /** Real servers: the prefix channels and streams were named under. */
  keyPrefix: string | null
  startedAt: Date
  wallMs: number
  setupMs: number
  complete: boolean
  outcome: LoadDriveOutcome
  tracker: DeliveryTracker
  fanout: {sum: number; count: number; max: number}
  errors: number
  final: MessagingFinal
  lag: {max: number; last: number} | null
  timeline: TimelinePoint[]
  timelineIntervalMs: number
  events: EventOutcome[]
  warnings: string[]
}

export function messagingResult(figures: MessagingRunFigures): Result {
  const {workload, outcome, tracker} = figures
  const durationMs = measuredSpanMs(outcome)
  const counts = tracker.summary()
  const perSecond = (count: number) => (durationMs > 0 ? count / (durationMs / 1000) : 0)
  const messaging: MessagingSummary = {
    kind: figures.kind,
    published: counts.published,
    publishErrors: counts.publishErrors,
    delivered: counts.delivered,
    duplicated: counts.duplicated,
    lost: counts.lost,
    missed: counts.missed,
    expectedDeliveries: counts.expectedDeliveries,
    deliveredPerSecond: perSecond(counts.delivered),
    fanout: figures.fanout.count === 0 ? null : {mean: figures.fanout.sum / figures.fanout.count, max: figures.fanout.max},
    lag: figures.final.lag ?? (figures.lag && {max: figures.lag.max, final: figures.lag.last}),
    pending: figures.final.pending,
    trimmedBeforeRead: figures.final.trimmedBeforeRead,
    drained: figures.final.drained,
    perReceiver: counts.perReceiver,
    groups: groupSummaries(figures.final.groups, counts.perReceiver),
  }
  const summary = {...emptySummary(), operations: counts.published, throughput: perSecond(counts.published), errors: figures.errors, messaging}
  summary.errorsByKind = {timeout: 0, connection: 0, server: figures.errors}
  summary.cache.items = null
  summary.cache.bytes = null
  const warnings = [...figures.warnings, ...figures.final.warnings, ...eventWarnings(figures.events)]
  if (counts.foreign > 0) warnings.push(`${formatLimit(counts.foreign)} messages received were not published by this run (another publisher on the same channels?); they are in no figure.`)
  if (outcome.dropped > 0) warnings.push(`${formatLimit(outcome.dropped)} messages were not published because ${formatLimit(workload.load.maxInFlight)} were already in flight (load.maxInFlight).`)
  const fields: ResultFields = {
    schema: RESULT_SCHEMA,
    tool: TOOL,
    workload: {name: workload.name, file: workload.file, description: workload.description},
    target: {
      kind: figures.url.scheme,
      url: figures.url.url,
      ...(figures.keyPrefix === null ? {} : {keyPrefix: figures.keyPrefix, keysDeleted: figures.final.keysDeleted}),
    },
    strategy: {name: figures.kind, ttlMs: null, ttlJitter: 0, invalidateOnWrite: false},
    seed: workload.seed,
    clock: figures.clock,
    startedAt: figures.startedAt.toISOString(),
    durationMs,
    wallMs: figures.wallMs,
    setupMs: figures.setupMs,
    complete: figures.complete,
    load: {
      mode: outcome.mode,
      concurrency: workload.load.concurrency,
      rate: workload.load.rate,
      operations: outcome.issued,
      warmupOperations: Math.max(outcome.issued - counts.published - counts.publishErrors - outcome.dropped, 0),
      dropped: outcome.dropped,
      lateStarts: outcome.lateStarts,
    },
    timeline: figures.timeline,
    timelineIntervalMs: figures.timelineIntervalMs,
    summary,
    latencyMs: tracker.latency.count === 0 ? {} : {delivery: tracker.latency.summary()},
    warnings,
    ...(figures.events.length > 0 ? {events: figures.events} : {}),
  }
  return assembleResult(fields, workload.thresholds)
}

/** The groups' figures under their receiver names (a stream receiver is a group, in group order). */
function groupSummaries(groups: readonly GroupFigures[] | null, receivers: readonly ReceiverSummary[]): StreamGroupSummary[] | null {
  return groups && groups.map(({group: _serverName, ...figures}, index) => ({name: receivers[index]?.name ?? `group-${index}`, ...figures}))
}

function eventWarnings(events: readonly EventOutcome[]): string[] {
  return events.filter((event) => event.error !== undefined).map((event) => `the ${event.action} at ${event.atMs} ms failed: ${event.error}`)
}
