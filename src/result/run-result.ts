/**
 * Measurements → result: the `cache-bench.result/v1` document of one run (docs/contracts.md,
 * Result JSON), with the warnings its figures call for.
 */
import {performance} from 'node:perf_hooks'
import {withoutPartDetail} from '../metrics/encode-histograms.js'
import {SATURATED_EVENT_LOOP_P99_MS} from '../metrics/event-loop-monitor.js'
import type {Result} from '../metrics/result.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import {summarise} from '../metrics/summarise.js'
import {withEventOutcomes} from './event-outcomes.js'
import {figureWarnings} from './figure-warnings.js'
import type {Measurements} from '../runner/measurements.js'
import {LATE_START_MS} from '../runner/open-loop-arrivals.js'
import type {RunParts} from '../runner/run-parts.js'
import type {RunPlan} from '../runner/run-plan.js'
import {traceWarnings} from '../trace/trace-replay.js'
import {workloadDigest} from '../workload/digest.js'
import {formatDuration} from '../workload/units.js'
import {assembleResult} from './assemble-result.js'
import {measuredSpanMs, runFields} from './build-result.js'
import {formatLimit} from '../workload/limits.js'

/** The run's result; `wallStart` is when the run began (performance.now()). */
export function runResult(plan: RunPlan, parts: RunParts, measured: Measurements, wallStart: number, complete: boolean): Result {
  const {workload, trace, part, targetOptions} = plan
  const {metrics, clock, target} = parts
  const {outcome} = measured
  const durationMs = measuredSpanMs(outcome)
  const summary = summarise({metrics, durationMs, statsBefore: measured.statsBefore, statsAfter: measured.statsAfter, originPeakConcurrency: measured.originPeak})
  // An open loop's timeline spans its intended starts, so its last interval ends with the schedule.
  const timeline = metrics.timeline?.finish(outcome.scheduleEnd ?? outcome.end) ?? []
  const timelineIntervalMs = metrics.timeline?.intervalMs ?? plan.intervalMs
  const warnings = [...measured.warnings, ...runWarnings(plan, metrics, measured, timelineIntervalMs, summary.operations, complete)]
  const built = runFields({
    workload,
    target,
    targetOptions,
    keysDeleted: measured.keysDeleted,
    commands: measured.commands,
    clock,
    startedAt: measured.startedAt,
    wallMs: performance.now() - wallStart,
    setupMs: measured.setupMs,
    complete,
    outcome,
    summary,
    durationMs,
    metrics,
    timeline,
    timelineIntervalMs,
    eventLoopDelay: measured.eventLoopDelay,
    warnings,
    phases: measured.phases,
  })
  built.warnings.push(
    ...figureWarnings({
      workload,
      clock: clock.kind,
      targetKind: target.kind,
      evictionControl: target.evictionControl !== undefined,
      cacheModel: target.evictionControl?.model,
      mode: outcome.mode,
      durationMs,
      summary,
      latency: built.latencyMs,
      timeoutMs: targetOptions.timeoutMs,
    }),
  )
  const fields = {
    ...withEventOutcomes(measured.eventLog, plan.events, outcome, built),
    // A run the user stopped does not read the rest of its trace.
    ...(trace ? {trace: trace.summary(complete)} : {}),
    ...(part ? {shard: {index: part.index + 1, count: part.count, workloadDigest: workloadDigest(plan.whole)}} : {}),
  }
  const result = assembleResult(fields, workload.thresholds)
  return part ? result : withoutPartDetail(result)
}

/**
 * Above this share of late starts the percentiles carry the load generator's own lag. A few late
 * starts are normal on any shared machine (a thread woken a millisecond late now and then).
 */
const LATE_STARTS_WARNING_SHARE = 0.05

/** Cache errors, a trace's skipped records, a saturated client, dropped or late starts, a widened timeline. */
function runWarnings(plan: RunPlan, metrics: RunMetrics, measured: Measurements, timelineIntervalMs: number, operations: number, complete: boolean): string[] {
  const warnings = [...errorWarnings(metrics), ...(plan.trace ? traceWarnings(plan.trace.summary(complete)) : [])]
  const unmeasured = warmupOnlyWarning(plan, measured, operations, complete)
  if (unmeasured) warnings.push(unmeasured)
  const delay = measured.eventLoopDelay
  if (delay && delay.p99 > SATURATED_EVENT_LOOP_P99_MS) {
    warnings.push(
      `the load generator was saturated: its event loop ran up to ${delay.p99.toFixed(1)} ms late (p99), and that delay is part of the latencies reported; lower the rate or concurrency, or add --workers.`,
    )
  }
  if (measured.outcome.dropped > 0) {
    warnings.push(`${formatLimit(measured.outcome.dropped)} operations were not started because ${formatLimit(plan.workload.load.maxInFlight)} were already in flight (load.maxInFlight).`)
  }
  const late = measured.outcome.lateStarts
  if (late > operations * LATE_STARTS_WARNING_SHARE) {
    warnings.push(
      `${late.toLocaleString('en-US')} of ${operations.toLocaleString('en-US')} measured operations (${((100 * late) / operations).toFixed(1)}%) started more than ${LATE_START_MS} ms after their intended time: the load generator did not keep to the schedule (too high a rate, or a busy machine), and that lag is part of the latencies reported, which count from the intended start; lower the rate, add --workers, or run the load generator on a quieter machine.`,
    )
  }
  if (metrics.timeline?.widened) {
    warnings.push(
      `the timeline interval was widened from ${formatDuration(plan.intervalMs)} to ${formatDuration(timelineIntervalMs)} so that the run has at most ${metrics.timeline.maxIntervals.toLocaleString('en-US')} intervals (--interval).`,
    )
  }
  return warnings
}

/**
 * A run that ended, as asked, before its warm-up did measured nothing: every figure is empty, and
 * the load a run takes (a duration, a trace's length) cannot be compared with a warm-up counted in
 * operations before it runs.
 */
function warmupOnlyWarning(plan: RunPlan, measured: Measurements, operations: number, complete: boolean): string | undefined {
  const issued = measured.outcome.issued - measured.outcome.dropped
  if (!complete || operations > 0 || issued === 0) return undefined
  const warmup = plan.workload.load.warmup
  const asked = 'operations' in warmup ? `${formatLimit(warmup.operations)} operations` : formatDuration(warmup.durationMs)
  // The same words in every part of a split run, so that a merged result says it once.
  return `no operation was measured: the run ended before its warm-up did (load.warmup: ${asked}); lengthen the run (--duration or --operations) or shorten the warm-up (--warmup).`
}

function errorWarnings(metrics: RunMetrics): string[] {
  return [...metrics.errorMessages]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([message, count]) => `${formatLimit(count)} cache command${count === 1 ? '' : 's'} failed: ${message}`)
}
