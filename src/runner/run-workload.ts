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
import {createStrategy} from '../strategies/strategies.js'
import {createTtlPolicy} from '../strategies/ttl-policy.js'
import type {TargetStats} from '../targets/cache-target.js'
import {DEFAULT_TARGET, resolveTargetKind} from '../targets/target-registry.js'
import {TOOL} from '../version.js'
import type {Workload} from '../workload/types.js'
import type {Clock} from './clock.js'
import {runClosedLoop} from './closed-loop.js'
import {planLoad} from './load-plan.js'
import {createOperationRunner} from './operation-runner.js'
import {RealClock} from './real-clock.js'
import {VirtualClock} from './virtual-clock.js'

export interface RunOptions {
  /** Target URL; the builtin engine when absent. */
  target?: string
}

/** One run: one workload against one target, producing one result (DESIGN §2). */
export async function runWorkload(workload: Workload, options: RunOptions = {}): Promise<Result> {
  const {url, kind} = resolveTargetKind(options.target ?? DEFAULT_TARGET)
  await prepareHistograms()
  const clock: Clock = kind.clock === 'virtual' ? new VirtualClock() : new RealClock()
  const target = kind.create(url, {workload, clock})
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
  const strategy = createStrategy(workload.strategy, createTtlPolicy(workload.strategy, createRandom(seed, Stream.ttlJitter)))
  const metrics = new RunMetrics(workload.keyspace.count)
  const plan = planLoad(workload.load)
  const startedAt = new Date()
  const wallStart = performance.now()

  await target.connect()
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
    })
    const onMeasurementStart = (): void => {
      statsBefore = target.stats()
      origin.limiter.peak = origin.limiter.inFlight + origin.limiter.queued
    }
    const loop = runClosedLoop(plan, clock, runOperation, onMeasurementStart)
    const [window] = await Promise.all([loop, clock instanceof VirtualClock ? clock.drive() : undefined])
    const durationMs = window.start === undefined ? 0 : window.end - window.start
    const summary = summarise({
      metrics,
      durationMs,
      statsBefore: await statsBefore,
      statsAfter: await target.stats(),
      originPeakConcurrency: origin.limiter.peak,
    })
    const partial: Omit<Result, 'thresholds'> = {
      schema: RESULT_SCHEMA,
      tool: TOOL,
      workload: {name: workload.name, file: workload.file, description: workload.description},
      target: {kind: target.kind, url: target.displayUrl},
      strategy: {
        name: workload.strategy.name,
        ttlMs: workload.strategy.ttlMs,
        ttlJitter: workload.strategy.ttlJitter,
        invalidateOnWrite: workload.strategy.invalidateOnWrite,
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
    }
    return {...partial, thresholds: evaluateThresholds(partial, workload.thresholds)}
  } finally {
    metrics.destroy()
    await target.close()
  }
}
