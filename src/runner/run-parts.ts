import {createLatencyModel} from '../generators/latency-model.js'
import {createRandom, ownStream, Stream} from '../generators/random.js'
import {createValueSizeGenerator} from '../generators/value-size.js'
import {RunMetrics} from '../metrics/run-metrics.js'
import {SimulatedOrigin} from '../origin/simulated-origin.js'
import {checkStrategyOnTarget, createStrategy} from '../strategies/strategies.js'
import type {Strategy} from '../strategies/strategy.js'
import {createTtlPolicy} from '../strategies/ttl-policy.js'
import type {CacheTarget} from '../targets/cache-target.js'
import {checkKeyPrefix} from '../targets/key-prefix-guard.js'
import {defaultTargetOptions} from '../targets/target-options.js'
import {DEFAULT_TARGET, resolveTargetKind} from '../targets/target-registry.js'
import type {Clock} from '../time/clock.js'
import {RealClock} from '../time/real-clock.js'
import {VirtualClock} from '../time/virtual-clock.js'
import type {TraceReplay} from '../trace/trace-replay.js'
import type {Workload} from '../workload/types.js'
import {BackgroundWork} from './background-work.js'
import type {RunEvent} from './event-record.js'
import {checkEvents} from './run-events.js'
import type {RunPart} from './partition.js'
import type {RunPlan} from './run-plan.js'
import {requireStructureSupport} from './structure-operations.js'

/** What executes a plan: the clock, the target, the strategy, the origin, and what measures them. */
export interface RunParts {
  clock: Clock
  target: CacheTarget
  strategy: Strategy
  origin: SimulatedOrigin
  metrics: RunMetrics
  /** Flows the strategy starts beside operations on the async path, which the run waits for. */
  background: BackgroundWork
}

/** Creates a plan's parts, nothing connected yet; refuses a plan the target cannot carry out. */
export async function assembleRun(plan: RunPlan, prefixChecked: boolean): Promise<RunParts> {
  const {workload, trace, url, targetOptions, events} = plan
  const clock: Clock = plan.kind.clock === 'virtual' ? new VirtualClock() : new RealClock()
  const target = await plan.kind.create(url, {workload, clock, options: targetOptions, part: plan.part})
  if (target.findExistingKey && !prefixChecked) checkKeyPrefix(targetOptions)
  refuseWhatTargetCannot(workload, url.scheme, target, events)
  const seed = workload.seed
  const strategy = createStrategy(workload.strategy, {
    ttl: trace && workload.strategy.ttlMs === null ? trace.ttl : createTtlPolicy(workload.strategy, createRandom(seed, Stream.ttlJitter, ownStream(plan.part))),
    valueSizes: trace?.valueSizes ?? createValueSizeGenerator(workload.values, createRandom(seed, Stream.valueSizes, ownStream(plan.part, 1))),
    clock,
    keyCount: workload.keyspace.count,
  })
  // Failures and pool changes can leave several cached copies of a key: only then is every version kept.
  const origin = createOrigin(workload, clock, events.length > 0, trace, plan.part)
  const metrics = new RunMetrics(workload.keyspace.count)
  // A trace read once meets its keys as it goes: every per-key table grows before a key is used.
  trace?.onKeys((count) => {
    metrics.reserveKeys(count)
    origin.reserveKeys(count)
    strategy.reserveKeys?.(count)
    target.reserveKeys?.(count)
  })
  return {clock, target, strategy, origin, metrics, background: new BackgroundWork()}
}

/**
 * What the target cannot carry out, refused before anything connects: structure operations where
 * it has none, leases, events. `validate --target` asks the same (checkWorkloadOnTarget).
 */
function refuseWhatTargetCannot(workload: Workload, scheme: string, target: CacheTarget, events: readonly RunEvent[]): void {
  requireStructureSupport(workload, scheme, target)
  for (const phase of workload.phases ?? []) requireStructureSupport({...workload, mix: phase.mix}, scheme, target)
  checkStrategyOnTarget(workload.strategy, target)
  checkEvents(events, target)
}

/**
 * Whether a run of the workload on the target could start, as far as the target's kind and URL
 * tell, without connecting: what `validate --target` checks beyond the file itself.
 */
export async function checkWorkloadOnTarget(workload: Workload, targetText: string = DEFAULT_TARGET): Promise<void> {
  const {url, kind} = resolveTargetKind(targetText)
  const clock: Clock = kind.clock === 'virtual' ? new VirtualClock() : new RealClock()
  const target = await kind.create(url, {workload, clock, options: defaultTargetOptions(), part: undefined})
  try {
    refuseWhatTargetCannot(workload, url.scheme, target, workload.events ?? [])
  } finally {
    await target.close()
  }
}

function createOrigin(workload: Workload, clock: Clock, fullHistory: boolean, trace: TraceReplay | undefined, part: RunPart | undefined): SimulatedOrigin {
  const seed = workload.seed
  return new SimulatedOrigin({
    keyCount: workload.keyspace.count,
    clock,
    readLatency: createLatencyModel(workload.origin.latency, createRandom(seed, Stream.originLatency, ownStream(part))),
    writeLatency: createLatencyModel(workload.origin.writeLatency ?? workload.origin.latency, createRandom(seed, Stream.originLatency, ownStream(part, 1))),
    concurrency: workload.origin.concurrency,
    valueSizes: trace?.valueSizes ?? createValueSizeGenerator(workload.values, createRandom(seed, Stream.valueSizes, ownStream(part))),
    initialSizes: trace?.initialSizes ?? createValueSizeGenerator(workload.values, createRandom(seed, Stream.initialSizes)),
    fullHistory,
  })
}
