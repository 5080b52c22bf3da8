import {performance} from 'node:perf_hooks'
import {createKeyDistribution} from '../generators/distributions.js'
import {createLatencyModel} from '../generators/latency-model.js'
import {createOperationMix} from '../generators/operation-mix.js'
import {createRandom, Stream} from '../generators/random.js'
import {createValueSizeGenerator} from '../generators/value-size.js'
import {InputError} from '../errors.js'
import {EventLoopMonitor, SATURATED_EVENT_LOOP_P99_MS} from '../metrics/event-loop-monitor.js'
import {withoutPartDetail} from '../metrics/encode-histograms.js'
import {prepareHistograms} from '../metrics/histogram.js'
import type {Result} from '../metrics/result.js'
import {RunMetrics} from '../metrics/run-metrics.js'
import {summarise} from '../metrics/summarise.js'
import {MAX_TIMELINE_INTERVALS, Timeline} from '../metrics/timeline.js'
import {SimulatedOrigin} from '../origin/simulated-origin.js'
import {checkStrategyOnTarget, createStrategy} from '../strategies/strategies.js'
import {createTtlPolicy} from '../strategies/ttl-policy.js'
import type {CacheTarget, TargetStats} from '../targets/cache-target.js'
import {checkKeyPrefix, refuseOccupiedPrefix} from '../targets/key-prefix-guard.js'
import {defaultTargetOptions, type TargetOptions} from '../targets/target-options.js'
import {DEFAULT_TARGET, resolveTargetKind} from '../targets/target-registry.js'
import {workloadDigest} from '../workload/digest.js'
import {implausibleLatencies} from '../workload/plausibility.js'
import type {Workload} from '../workload/types.js'
import {formatDuration} from '../workload/units.js'
import {buildResult} from './build-result.js'
import type {Clock} from '../time/clock.js'
import {driveLoad} from './drive-load.js'
import {figureWarnings} from './figure-warnings.js'
import {planLoad} from './load-plan.js'
import {createOperationRunner} from './operation-runner.js'
import {checkPart, checkPartEvents, partTargetUrl, partWarnings, partWorkload} from './part-workload.js'
import {partSources, wholeRunSources, withClaim, type OperationSources, type RunPart} from './partition.js'
import {isPhased, PhasedLoad, type PhaseRunnerParts} from './phases.js'
import {RealClock} from '../time/real-clock.js'
import {reportProgress, type ProgressListener} from './progress.js'
import {withEventOutcomes} from './event-outcomes.js'
import {checkEvents, type EventRecord, type RunEvent} from './run-events.js'
import {requireStructureSupport, structureOperationsFor} from './structure-operations.js'
import {VirtualClock} from '../time/virtual-clock.js'
import {simulateLoad, simulationChosen, simulationRefusal, type SimulationEngine} from '../simulation/simulate-load.js'
import {runMessagingWorkload} from '../messaging/messaging-entry.js'
import {openTraceReplay, traceWarnings, type TraceReplay} from '../trace/trace-replay.js'

export interface RunOptions {
  /** Target URL; the builtin engine when absent. */
  target?: string
  /** Connection and safety settings for real servers. */
  targetOptions?: Partial<TargetOptions>
  /** Called once the load has finished, before the run's keys are deleted: reads the target's final state. */
  afterLoad?: (target: CacheTarget) => Promise<void>
  /** Failures and pool changes at points of the run's clock, besides the workload's own `events:`. */
  events?: RunEvent[]
  /** Length of one timeline interval, in ms of the run's clock. */
  intervalMs?: number
  /** Aborting stops starting operations; those in flight finish, and the result says `complete: false`. */
  signal?: AbortSignal
  /** Called a few times a second with figures so far, for a live display. */
  onProgress?: ProgressListener
  /** Called once set-up is over, just before the first operation starts. */
  onLoadStart?: () => void
  /** Run only this part of the workload's operation stream, with its share of the resources (`--shard`, `--workers`). */
  part?: RunPart
  /**
   * Internal, for tests: `async` runs a simulated load on the async path, the reference the
   * simulation core is checked against; `simulation` insists on the core. By default the core
   * runs whatever it can.
   */
  engine?: SimulationEngine
  /** The key prefix was already found free on the server (workers: checked once, before any of them writes). */
  prefixChecked?: boolean
}

const DEFAULT_INTERVAL_MS = 1000

/** One run: one workload against one target, producing one result (docs/contracts.md, Runs and results). */
export async function runWorkload(wholeWorkload: Workload, options: RunOptions = {}): Promise<Result> {
  if (wholeWorkload.messaging) return runMessagingWorkload(wholeWorkload, options)
  const setupStart = performance.now()
  const part = options.part
  // A trace's keys are known once it is opened: its parts are checked against them there.
  if (part && !wholeWorkload.trace) checkPart(wholeWorkload, part)
  const partOrWhole = part ? partWorkload(wholeWorkload, part) : wholeWorkload
  // Every part reads the whole trace (so key ids agree) and runs the requests whose key it owns.
  const trace = partOrWhole.trace ? openTraceReplay(partOrWhole, partOrWhole.trace) : undefined
  if (part && trace) {
    try {
      checkPart(trace.workload, part)
    } catch (error) {
      trace.close()
      throw error
    }
  }
  const workload = trace?.workload ?? partOrWhole
  const resolved = resolveTargetKind(options.target ?? DEFAULT_TARGET)
  const {kind} = resolved
  const url = part && kind.evictionControl ? partTargetUrl(resolved.url, part) : resolved.url
  await prepareHistograms()
  const clock: Clock = kind.clock === 'virtual' ? new VirtualClock() : new RealClock()
  const targetOptions: TargetOptions = {...defaultTargetOptions(), ...options.targetOptions}
  const target = kind.create(url, {workload, clock, options: targetOptions})
  if (target.findExistingKey && !options.prefixChecked) checkKeyPrefix(targetOptions)
  requireStructureSupport(workload, url.scheme, target)
  for (const phase of workload.phases ?? []) requireStructureSupport({...workload, mix: phase.mix}, url.scheme, target)
  const seed = workload.seed
  const strategy = createStrategy(workload.strategy, {
    ttl: trace && workload.strategy.ttlMs === null ? trace.ttl : createTtlPolicy(workload.strategy, createRandom(seed, Stream.ttlJitter)),
    valueSizes: trace?.valueSizes ?? createValueSizeGenerator(workload.values, createRandom(seed, Stream.valueSizes, 1)),
    clock,
    keyCount: workload.keyspace.count,
  })
  checkStrategyOnTarget(workload.strategy, target)
  const events = [...(workload.events ?? []), ...(options.events ?? [])]
  // Failures and pool changes can leave several cached copies of a key: only then is every version kept.
  const origin = createOrigin(workload, clock, events.length > 0, trace)
  checkEvents(events, target)
  if (part) checkPartEvents(events, part, kind.clock)
  const eventLog: EventRecord[] = []
  const metrics = new RunMetrics(workload.keyspace.count)
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
  if (!(intervalMs > 0)) throw new InputError(`The timeline interval must be a positive duration (got ${intervalMs} ms).`)
  const monitor = clock.kind === 'real' ? new EventLoopMonitor() : undefined
  const startedAt = new Date()
  const wallStart = setupStart

  const departures = target.watchDepartures?.((key) => metrics.wasted.left(key))
  await target.connect()
  const warnings: string[] = [...implausibleLatencies(workload), ...(part ? partWarnings(wholeWorkload, part) : [])]
  let stopProgress: (() => void) | undefined
  let phased: PhasedLoad | undefined
  let setupMs = 0
  try {
    if (!options.prefixChecked) await refuseOccupiedPrefix(target, targetOptions)
    let statsBefore: Promise<TargetStats> = target.stats()
    const keys = trace?.keys ?? createKeyDistribution(workload.keyspace, createRandom(seed, Stream.keys))
    const mix = trace?.mix ?? createOperationMix(workload.mix, createRandom(seed, Stream.mix))
    const arrivalGap = workload.load.rate === null ? trace?.arrivalGap ?? undefined : undefined
    const openLoop = workload.load.rate !== null || arrivalGap !== undefined
    const structures = structureOperationsFor(workload, target, clock, metrics)
    const sources = part ? partSources(part, mix, keys, structures) : wholeRunSources(mix, keys, structures)
    const runnerOver = (runSources: OperationSources, runMetrics: RunMetrics) =>
      withClaim(createOperationRunner({clock, target, origin, strategy, metrics: runMetrics, openLoop, ...runSources}), runSources.claim)
    phased = isPhased(workload) ? new PhasedLoad({workload, clock, target, origin, metrics}) : undefined
    const phaseSources = (phase: PhaseRunnerParts): OperationSources => {
      const phaseStructures = structureOperationsFor(phase.workload, target, clock, phase.metrics)
      return part ? partSources(part, phase.mix, phase.keys, phaseStructures) : wholeRunSources(phase.mix, phase.keys, phaseStructures)
    }
    const onMeasurementStart = () => {
      statsBefore = target.stats()
      origin.limiter.peak = origin.limiter.inFlight + origin.limiter.queued
      metrics.wasted.measuring = true
      metrics.timeline = new Timeline(intervalMs, clock.now())
      phased?.measurementStarted()
    }
    const plan = trace ? {...planLoad(workload.load), operations: trace.operations} : planLoad(workload.load)
    const arrivals = arrivalGap && {nextGap: arrivalGap}
    const refusal = simulationRefusal({workload, clock, target, origin, strategy, metrics, events})
    const simulated = options.engine !== 'async' && simulationChosen(options.engine, refusal)
    // The schedule starts when the load can: set-up is reported on its own, not as latency or as a late event loop.
    setupMs = performance.now() - setupStart
    clock.startLoad?.()
    monitor?.start()
    stopProgress = options.onProgress ? reportProgress(options.onProgress, workload, clock, metrics) : undefined
    options.onLoadStart?.()
    const outcome = simulated
      ? await simulateLoad({workload, plan, arrivals, phases: phased && {load: phased, sourcesOf: phaseSources}, clock, target, origin, strategy, metrics, sources, events, onMeasurementStart, stop: options.signal})
      : await driveLoad({
      workload,
      plan,
      arrivals,
      clock,
      target,
      strategy,
      events,
      eventLog,
      stop: options.signal,
      phases: phased,
      runOperation: phased ? phased.runner((phase) => runnerOver(phaseSources(phase), phase.metrics)) : runnerOver(sources, metrics),
      onMeasurementStart,
    })
    stopProgress?.()
    // Sets that expired unread have left the cache for every reader, even where lazy expiry still holds them.
    departures?.reportExpired()
    const eventLoopDelay = monitor?.stop()
    const statsAfter = await target.stats()
    // Before the summary: it also puts back the whole run's origin peak.
    const phaseResults = await phased?.finish(outcome, statsAfter)
    if (options.afterLoad) {
      // The builtin's commands wait on the simulated clock, which has to keep running for them.
      await Promise.all([options.afterLoad(target), clock instanceof VirtualClock ? clock.drive() : undefined])
    }
    const keysDeleted = await cleanUp(target, targetOptions, warnings)
    const durationMs = outcome.start === undefined ? 0 : outcome.end - outcome.start
    const summary = summarise({
      metrics,
      durationMs,
      statsBefore: await statsBefore,
      statsAfter,
      originPeakConcurrency: origin.limiter.peak,
    })
    warnings.push(...errorWarnings(metrics), ...(trace ? traceWarnings(trace.summary()) : []))
    if (eventLoopDelay && eventLoopDelay.p99 > SATURATED_EVENT_LOOP_P99_MS) {
      warnings.push(
        `the load generator was saturated: its event loop ran up to ${eventLoopDelay.p99.toFixed(1)} ms late (p99), and that delay is part of the latencies reported; lower the rate or concurrency, or add --workers.`,
      )
    }
    if (outcome.dropped > 0) {
      warnings.push(`${outcome.dropped} operations were not started because ${workload.load.maxInFlight} were already in flight (load.maxInFlight).`)
    }
    const timeline = metrics.timeline?.finish(outcome.end) ?? []
    const timelineIntervalMs = metrics.timeline?.intervalMs ?? intervalMs
    if (metrics.timeline?.widened) {
      warnings.push(
        `the timeline interval was widened from ${formatDuration(intervalMs)} to ${formatDuration(timelineIntervalMs)} so that the run has at most ${MAX_TIMELINE_INTERVALS.toLocaleString('en-US')} intervals (--interval).`,
      )
    }
    const built = buildResult({
      workload,
      target,
      targetOptions,
      keysDeleted,
      clock,
      startedAt,
      wallMs: performance.now() - wallStart,
      setupMs,
      complete: !options.signal?.aborted,
      outcome,
      summary,
      metrics,
      timeline,
      timelineIntervalMs,
      eventLoopDelay,
      warnings,
      phases: phaseResults,
    })
    built.warnings.push(
      ...figureWarnings({
        workload,
        clock: clock.kind,
        targetKind: target.kind,
        evictionControl: target.evictionControl !== undefined,
        mode: outcome.mode,
        durationMs,
        summary,
        latency: built.latencyMs,
        timeoutMs: targetOptions.timeoutMs,
      }),
    )
    const result = withEventOutcomes(eventLog, events, outcome, built)
    if (trace) result.trace = trace.summary()
    if (!part) return withoutPartDetail(result)
    return {...result, shard: {index: part.index + 1, count: part.count, workloadDigest: workloadDigest(wholeWorkload)}}
  } finally {
    stopProgress?.()
    monitor?.stop()
    phased?.destroy()
    metrics.destroy()
    trace?.close()
    await target.close()
  }
}

function createOrigin(workload: Workload, clock: Clock, fullHistory: boolean, trace: TraceReplay | undefined): SimulatedOrigin {
  const seed = workload.seed
  return new SimulatedOrigin({
    keyCount: workload.keyspace.count,
    clock,
    readLatency: createLatencyModel(workload.origin.latency, createRandom(seed, Stream.originLatency)),
    writeLatency: createLatencyModel(workload.origin.writeLatency ?? workload.origin.latency, createRandom(seed, Stream.originLatency, 1)),
    concurrency: workload.origin.concurrency,
    valueSizes: trace?.valueSizes ?? createValueSizeGenerator(workload.values, createRandom(seed, Stream.valueSizes)),
    initialSizes: trace?.initialSizes ?? createValueSizeGenerator(workload.values, createRandom(seed, Stream.initialSizes)),
    fullHistory,
  })
}

/** For runs split over threads: refuses a prefix that is too short or already in use, before any part writes. */
export async function checkRunPrefix(wholeWorkload: Workload, options: RunOptions): Promise<void> {
  const {kind, url} = resolveTargetKind(options.target ?? DEFAULT_TARGET)
  if (kind.clock !== 'real') return
  const targetOptions: TargetOptions = {...defaultTargetOptions(), ...options.targetOptions}
  const target = kind.create(url, {workload: wholeWorkload, clock: new RealClock(), options: targetOptions})
  if (!target.findExistingKey) return
  checkKeyPrefix(targetOptions)
  await target.connect()
  try {
    await refuseOccupiedPrefix(target, targetOptions)
  } finally {
    await target.close()
  }
}

/** Deleting our keys is a courtesy to the server's owner; failing at it must not lose the result. */
async function cleanUp(target: CacheTarget, options: TargetOptions, warnings: string[]): Promise<number> {
  if (options.keepKeys) return 0
  try {
    return await target.cleanup()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    warnings.push(`Could not delete the keys under ${options.keyPrefix} at the end of the run: ${reason}`)
    return 0
  }
}

function errorWarnings(metrics: RunMetrics): string[] {
  return [...metrics.errorMessages]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([message, count]) => `${count} cache command${count === 1 ? '' : 's'} failed: ${message}`)
}
