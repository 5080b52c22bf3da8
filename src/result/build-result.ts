import {encodeHistograms} from '../metrics/encode-histograms.js'
import type {EventLoopDelay} from '../metrics/event-loop-monitor.js'
import {RESULT_SCHEMA, type PhaseResult, type Result, type Summary} from '../metrics/result.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import {summariseLatencies, summariseServiceTimes} from '../metrics/summarise.js'
import type {TimelinePoint} from '../metrics/timeline.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {TargetOptions} from '../targets/target-options.js'
import {TOOL} from '../version.js'
import type {StrategySpec, Workload} from '../workload/types.js'
import type {Clock} from '../time/clock.js'
import type {LoadDriveOutcome} from '../runner/drive-load.js'
import type {ResultFields} from './assemble-result.js'

export interface ResultInputs {
  workload: Workload
  target: CacheTarget
  targetOptions: TargetOptions
  keysDeleted: number
  /** Real targets: how the cache commands were sent. */
  commands?: string
  clock: Clock
  startedAt: Date
  wallMs: number
  setupMs: number
  complete: boolean
  outcome: LoadDriveOutcome
  summary: Summary
  /** The measured span the summary's rates are over (measuredSpanMs). */
  durationMs: number
  metrics: RunMetrics
  timeline: TimelinePoint[]
  timelineIntervalMs: number
  eventLoopDelay: EventLoopDelay | undefined
  warnings: string[]
  /** Phased runs: per-phase figures. */
  phases?: PhaseResult[]
}

/**
 * The measured span: from the first measured start to the last measured completion, and for an
 * open loop at least to its schedule's end (the next arrival's intended time, or a timed run's
 * end) — the time over which the load was offered, so that 1,000 arrivals a second for 20 s
 * measure 1,000 a second, and a trace replayed at its pace covers its last second.
 */
export function measuredSpanMs(outcome: Pick<LoadDriveOutcome, 'start' | 'end' | 'scheduleEnd'>): number {
  if (outcome.start === undefined) return 0
  return Math.max(outcome.end, outcome.scheduleEnd ?? outcome.end) - outcome.start
}

/** One run's fields of the `cache-bench.result/v1` document (docs/contracts.md, Result JSON), for assembleResult. */
export function runFields(inputs: ResultInputs): ResultFields {
  const {workload, target, targetOptions, outcome, summary, metrics, durationMs} = inputs
  return {
    schema: RESULT_SCHEMA,
    tool: TOOL,
    workload: {name: workload.name, file: workload.file, description: workload.description},
    // A simulated cache lives in this process: no key on a server to prefix or delete.
    target:
      target.simulated !== undefined
        ? {kind: target.kind, url: target.displayUrl}
        : {
            kind: target.kind,
            url: target.displayUrl,
            ...(target.client === undefined ? {} : {client: target.client}),
            ...(inputs.commands === undefined ? {} : {commands: inputs.commands}),
            keyPrefix: targetOptions.keyPrefix,
            keysDeleted: inputs.keysDeleted,
          },
    strategy: {
      name: workload.strategy.name,
      ttlMs: workload.strategy.ttlMs,
      ttlJitter: workload.strategy.ttlJitter,
      invalidateOnWrite: workload.strategy.invalidateOnWrite,
      ...strategyOptions(workload.strategy),
    },
    seed: workload.seed,
    ...(target.evictionControl ? {cache: target.evictionControl} : {}),
    clock: inputs.clock.kind,
    startedAt: inputs.startedAt.toISOString(),
    durationMs,
    wallMs: inputs.wallMs,
    setupMs: inputs.setupMs,
    complete: inputs.complete,
    load: {
      mode: outcome.mode,
      concurrency: workload.load.concurrency,
      rate: workload.load.rate,
      operations: outcome.issued,
      warmupOperations: Math.max(outcome.issued - summary.operations - outcome.dropped, 0),
      dropped: outcome.dropped,
      lateStarts: outcome.lateStarts,
    },
    summary,
    latencyMs: summariseLatencies(metrics),
    ...(outcome.mode === 'open' ? {serviceTimeMs: summariseServiceTimes(metrics)} : {}),
    ...(inputs.eventLoopDelay ? {client: {eventLoopDelayMs: inputs.eventLoopDelay}} : {}),
    timeline: inputs.timeline,
    timelineIntervalMs: inputs.timelineIntervalMs,
    warnings: inputs.warnings,
    ...(inputs.phases ? {phases: inputs.phases} : {}),
    histograms: encodeHistograms(metrics),
  }
}

/** The options that shaped this run: each strategy's own, and stampede protection. */
function strategyOptions(spec: StrategySpec): Partial<Result['strategy']> {
  return {
    ...(spec.name === 'write-behind' ? {flushDelayMs: spec.flushDelayMs} : {}),
    ...(spec.name === 'refresh-ahead' ? {refreshAt: spec.refreshAt} : {}),
    singleFlight: spec.singleFlight,
    lease: spec.lease,
  }
}
