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
import type {Clock} from '../time/clock.js'
import {RealClock} from '../time/real-clock.js'
import {VirtualClock} from '../time/virtual-clock.js'
import type {TraceReplay} from '../trace/trace-replay.js'
import type {Workload} from '../workload/types.js'
import {BackgroundWork} from './background-work.js'
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
  requireStructureSupport(workload, url.scheme, target)
  for (const phase of workload.phases ?? []) requireStructureSupport({...workload, mix: phase.mix}, url.scheme, target)
  const seed = workload.seed
  const strategy = createStrategy(workload.strategy, {
    ttl: trace && workload.strategy.ttlMs === null ? trace.ttl : createTtlPolicy(workload.strategy, createRandom(seed, Stream.ttlJitter, ownStream(plan.part))),
    valueSizes: trace?.valueSizes ?? createValueSizeGenerator(workload.values, createRandom(seed, Stream.valueSizes, ownStream(plan.part, 1))),
    clock,
    keyCount: workload.keyspace.count,
  })
  checkStrategyOnTarget(workload.strategy, target)
  // Failures and pool changes can leave several cached copies of a key: only then is every version kept.
  const origin = createOrigin(workload, clock, events.length > 0, trace, plan.part)
  checkEvents(events, target)
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
