import {performance} from 'node:perf_hooks'
import {createKeyDistribution} from '../generators/distributions.js'
import {createLatencyModel} from '../generators/latency-model.js'
import {createOperationMix} from '../generators/operation-mix.js'
import {createRandom, Stream} from '../generators/random.js'
import {createValueSizeGenerator} from '../generators/value-size.js'
import {prepareHistograms} from '../metrics/histogram.js'
import {RESULT_SCHEMA, type Result} from '../metrics/result.js'
import {RunMetrics} from '../metrics/run-metrics.js'
import {summarise, summariseLatencies} from '../metrics/summarise.js'
import {evaluateThresholds} from '../metrics/thresholds.js'
import {SimulatedOrigin} from '../origin/simulated-origin.js'
import {checkStrategyOnTarget, createStrategy} from '../strategies/strategies.js'
import {createTtlPolicy} from '../strategies/ttl-policy.js'
import type {CacheTarget, TargetStats} from '../targets/cache-target.js'
import {defaultTargetOptions, type TargetOptions} from '../targets/target-options.js'
import {DEFAULT_TARGET, resolveTargetKind} from '../targets/target-registry.js'
import {TOOL} from '../version.js'
import type {StrategySpec, Workload} from '../workload/types.js'
import type {Clock} from './clock.js'
import {runClosedLoop} from './closed-loop.js'
import {requireStructureSupport, structureOperationsFor} from './structure-operations.js'
import {planLoad} from './load-plan.js'
import {createOperationRunner} from './operation-runner.js'
import {RealClock} from './real-clock.js'
import {withEventsAndBackgroundWork, type RunEvent} from './run-events.js'
import {VirtualClock} from './virtual-clock.js'

export interface RunOptions {
  /** Target URL; the builtin engine when absent. */
  target?: string
  /** Connection and safety settings for real servers. */
  targetOptions?: Partial<TargetOptions>
  /** Called once the load has finished, before the run's keys are deleted: reads the target's final state. */
  afterLoad?: (target: CacheTarget) => Promise<void>
  /** Failures injected at points of the run's clock (builtin target only for now). */
  events?: RunEvent[]
}

/** One run: one workload against one target, producing one result (DESIGN §2). */
export async function runWorkload(workload: Workload, options: RunOptions = {}): Promise<Result> {
  const {url, kind} = resolveTargetKind(options.target ?? DEFAULT_TARGET)
  await prepareHistograms()
  const clock: Clock = kind.clock === 'virtual' ? new VirtualClock() : new RealClock()
  const targetOptions: TargetOptions = {...defaultTargetOptions(), ...options.targetOptions}
  const target = kind.create(url, {workload, clock, options: targetOptions})
  requireStructureSupport(workload, url.scheme, target)
  const seed = workload.seed
  const origin = new SimulatedOrigin({
    keyCount: workload.keyspace.count,
    clock,
    readLatency: createLatencyModel(workload.origin.latency, createRandom(seed, Stream.originLatency)),
    writeLatency: createLatencyModel(
      workload.origin.writeLatency ?? workload.origin.latency,
      createRandom(seed, Stream.originLatency, 1),
    ),
    concurrency: workload.origin.concurrency,
    valueSizes: createValueSizeGenerator(workload.values, createRandom(seed, Stream.valueSizes)),
    initialSizes: createValueSizeGenerator(workload.values, createRandom(seed, Stream.initialSizes)),
  })
  const strategy = createStrategy(workload.strategy, {
    ttl: createTtlPolicy(workload.strategy, createRandom(seed, Stream.ttlJitter)),
    valueSizes: createValueSizeGenerator(workload.values, createRandom(seed, Stream.valueSizes, 1)),
    clock,
    keyCount: workload.keyspace.count,
  })
  checkStrategyOnTarget(workload.strategy, target)
  const metrics = new RunMetrics(workload.keyspace.count)
  const plan = planLoad(workload.load)
  const startedAt = new Date()
  const wallStart = performance.now()

  await target.connect()
  const warnings: string[] = []
  try {
    let statsBefore: Promise<TargetStats> = target.stats()
    const runOperation = createOperationRunner({
      clock,
      target,
      origin,
      strategy,
      metrics,
      keys: createKeyDistribution(workload.keyspace, createRandom(seed, Stream.keys)),
      mix: createOperationMix(workload.mix, createRandom(seed, Stream.mix)),
      slots: plan.concurrency,
      structures: structureOperationsFor(workload, target, clock, metrics),
    })
    const onMeasurementStart = (): void => {
      statsBefore = target.stats()
      origin.limiter.peak = origin.limiter.inFlight + origin.limiter.queued
    }
    const loop = runClosedLoop(plan, clock, runOperation, onMeasurementStart)
    const loadAndBackground = withEventsAndBackgroundWork(loop, {clock, target, strategy, events: options.events ?? []})
    const [window] = await Promise.all([loadAndBackground, clock instanceof VirtualClock ? clock.drive() : undefined])
    const durationMs = window.start === undefined ? 0 : window.end - window.start
    const statsAfter = await target.stats()
    if (options.afterLoad) {
      // The builtin's commands wait on the simulated clock, which has to keep running for them.
      await Promise.all([options.afterLoad(target), clock instanceof VirtualClock ? clock.drive() : undefined])
    }
    const keysDeleted = await cleanUp(target, targetOptions, warnings)
    warnings.push(...errorWarnings(metrics))
    const summary = summarise({
      metrics,
      durationMs,
      statsBefore: await statsBefore,
      statsAfter,
      originPeakConcurrency: origin.limiter.peak,
    })
    const partial: Omit<Result, 'thresholds'> = {
      schema: RESULT_SCHEMA,
      tool: TOOL,
      workload: {name: workload.name, file: workload.file, description: workload.description},
      target:
        target.kind === 'builtin'
          ? {kind: target.kind, url: target.displayUrl}
          : {kind: target.kind, url: target.displayUrl, keyPrefix: targetOptions.keyPrefix, keysDeleted},
      strategy: {
        name: workload.strategy.name,
        ttlMs: workload.strategy.ttlMs,
        ttlJitter: workload.strategy.ttlJitter,
        invalidateOnWrite: workload.strategy.invalidateOnWrite,
        ...strategyOptions(workload.strategy),
      },
      seed,
      clock: clock.kind,
      startedAt: startedAt.toISOString(),
      durationMs,
      wallMs: performance.now() - wallStart,
      complete: true,
      load: {concurrency: plan.concurrency, operations: window.issued, warmupOperations: window.issued - summary.operations},
      summary,
      latencyMs: summariseLatencies(metrics),
      warnings,
    }
    return {...partial, thresholds: evaluateThresholds(partial, workload.thresholds)}
  } finally {
    metrics.destroy()
    await target.close()
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
