import {createLatencyModel} from '../../src/generators/latency-model.js'
import {createRandom} from '../../src/generators/random.js'
import {createValueSizeGenerator} from '../../src/generators/value-size.js'
import {RunMetrics} from '../../src/metrics/run-metrics.js'
import {SimulatedOrigin} from '../../src/origin/simulated-origin.js'
import {asyncStrategy} from '../../src/runner/run-flow.js'
import {TimedSteps} from '../../src/runner/timed-steps.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import {createStrategy} from '../../src/strategies/strategies.js'
import {createTtlPolicy} from '../../src/strategies/ttl-policy.js'
import {BuiltinTarget} from '../../src/targets/builtin-target.js'
import {defaultStrategySpec} from '../../src/workload/sections/strategy.js'
import type {StrategySpec} from '../../src/workload/types.js'

const KEYS = 16

/**
 * One strategy wired to the builtin target and a simulated origin with fixed latencies on a
 * virtual clock, so a test can script an exact interleaving of operations.
 */
export async function strategyHarness(spec: Partial<StrategySpec> & Pick<StrategySpec, 'name'>, latency: {readMs: number; writeMs: number}) {
  const clock = new VirtualClock()
  const fullSpec: StrategySpec = {...defaultStrategySpec(spec.name), ...spec}
  const target = new BuiltinTarget(
    'builtin://',
    {model: 'ideal', maxItems: null, capacityBytes: null, eviction: 'lru', latency: {distribution: 'fixed', ms: 0}},
    clock,
    1,
    fullSpec.lease?.timeoutMs,
  )
  const sizes = () => createValueSizeGenerator({distribution: 'fixed', bytes: 100}, createRandom(1))
  const origin = new SimulatedOrigin({
    keyCount: KEYS,
    clock,
    readLatency: createLatencyModel({distribution: 'fixed', ms: latency.readMs}, createRandom(1)),
    writeLatency: createLatencyModel({distribution: 'fixed', ms: latency.writeMs}, createRandom(2)),
    concurrency: 64,
    valueSizes: sizes(),
    initialSizes: sizes(),
  })
  const metrics = new RunMetrics(KEYS)
  const steps = new TimedSteps(clock, target, origin, metrics)
  steps.measured = true
  const strategy = asyncStrategy(
    createStrategy(fullSpec, {
      ttl: createTtlPolicy(fullSpec, createRandom(3)),
      valueSizes: sizes(),
      clock,
      keyCount: KEYS,
    }),
    clock,
    steps.background,
  )
  /** Runs `action` once `atMs` of simulated time has passed. */
  const at = <T>(atMs: number, action: () => Promise<T>): Promise<T> => clock.sleep(atMs).then(action)
  /** What the cache holds for key, read without counting anything. */
  const cached = (key: number) => {
    const slot = target.engine.lookup(key)
    return slot < 0 ? null : target.engine.version(slot)
  }
  return {clock, target, origin, metrics, steps, strategy, at, cached}
}
