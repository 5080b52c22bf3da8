import {describe, expect, it} from 'vitest'
import {ExitCode, InternalError} from '../../src/errors.js'
import {createKeyDistribution} from '../../src/generators/distributions.js'
import {createLatencyModel} from '../../src/generators/latency-model.js'
import {createOperationMix} from '../../src/generators/operation-mix.js'
import {createRandom} from '../../src/generators/random.js'
import {createValueSizeGenerator} from '../../src/generators/value-size.js'
import {RunMetrics} from '../../src/metrics/run-metrics.js'
import {SimulatedOrigin} from '../../src/origin/simulated-origin.js'
import {planLoad} from '../../src/runner/load-plan.js'
import {wholeRunSources} from '../../src/runner/partition.js'
import {simulateClosedLoop} from '../../src/simulation/simulate-closed-loop.js'
import {createStrategy} from '../../src/strategies/strategies.js'
import type {Strategy} from '../../src/strategies/strategy.js'
import {createTtlPolicy} from '../../src/strategies/ttl-policy.js'
import {BuiltinTarget} from '../../src/targets/builtin-target.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import type {Workload} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

/** The pieces run-workload gives the core, built by hand so the test can look at the origin afterwards. */
function simulation(workload: Workload, wrap: (strategy: Strategy) => Strategy = (strategy) => strategy) {
  const clock = new VirtualClock()
  const target = new BuiltinTarget('builtin://', workload.cache, clock, workload.seed)
  const origin = new SimulatedOrigin({
    keyCount: workload.keyspace.count,
    clock,
    readLatency: createLatencyModel(workload.origin.latency, createRandom(1, 1)),
    writeLatency: createLatencyModel(workload.origin.latency, createRandom(1, 2)),
    concurrency: workload.origin.concurrency,
    valueSizes: createValueSizeGenerator(workload.values, createRandom(1, 3)),
    initialSizes: createValueSizeGenerator(workload.values, createRandom(1, 4)),
  })
  const strategy = wrap(
    createStrategy(workload.strategy, {
      ttl: createTtlPolicy(workload.strategy, createRandom(1, 5)),
      valueSizes: createValueSizeGenerator(workload.values, createRandom(1, 6)),
      clock,
      keyCount: workload.keyspace.count,
    }),
  )
  const sources = wholeRunSources(createOperationMix(workload.mix, createRandom(1, 7)), createKeyDistribution(workload.keyspace, createRandom(1, 8)), undefined)
  const parts = {clock, cache: target.simulated, origin, strategy, metrics: new RunMetrics(workload.keyspace.count), sources}
  return {origin, run: () => simulateClosedLoop({parts: [parts], plan: planLoad(workload.load), onMeasurementStart: () => undefined})}
}

describe('the simulation core keeps the per-operation books of the async path', () => {
  it('releases the versions an operation was handed once it ends, so the origin keeps at most one per key', async () => {
    const keys = 20
    const operations = 20_000
    const {origin, run} = simulation(
      testWorkload({
        keyspace: {count: keys, distribution: 'uniform'},
        origin: {latency: {distribution: 'fixed', ms: 1}, concurrency: 4},
        mix: {read: 1, write: 1},
        load: {concurrency: 16, operations},
      }),
    )
    const window = await run()
    expect(window.issued).toBe(operations)
    // Nothing is in flight once the load is over: only the version each key's cached copy holds is
    // kept. An operation that never released its versions would leave thousands pinned.
    expect(origin.log.retained()).toBeLessThanOrEqual(keys)
    expect(origin.log.retained()).toBeGreaterThan(0)
  })

  it('a throwing operation stops the load and ends it with the guarded path\'s internal error (exit 5)', async () => {
    const failingAt = 100
    const operations = 5000
    let started = 0
    const {run} = simulation(testWorkload({load: {concurrency: 8, operations}}), (strategy) => {
      const buggy: Strategy = Object.create(strategy)
      buggy.read = (key, io) => {
        if (++started === failingAt) throw new TypeError('cannot read properties of undefined')
        return strategy.read(key, io)
      }
      return buggy
    })
    const failure = await run().then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(InternalError)
    expect((failure as InternalError).exitCode).toBe(ExitCode.internalError)
    expect((failure as InternalError).message).toBe('An operation failed unexpectedly, so the run was stopped: cannot read properties of undefined.')
    // The operations in flight finished, and no other started after the failure.
    expect(started).toBe(failingAt)
  })
})
