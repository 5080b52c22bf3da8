import {describe, expect, it} from 'vitest'
import {ExitCode, InputError, InternalError} from '../../src/errors.js'
import {createRandom} from '../../src/generators/random.js'
import {driveLoad} from '../../src/runner/drive-load.js'
import {planLoad} from '../../src/runner/load-plan.js'
import type {OperationRunner} from '../../src/runner/closed-loop.js'
import {RealClock} from '../../src/time/real-clock.js'
import {VirtualClock} from '../../src/time/virtual-clock.js'
import {createStrategy} from '../../src/strategies/strategies.js'
import {createTtlPolicy} from '../../src/strategies/ttl-policy.js'
import {BuiltinTarget} from '../../src/targets/builtin-target.js'
import {createValueSizeGenerator} from '../../src/generators/value-size.js'
import type {Clock} from '../../src/time/clock.js'
import type {Workload} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

const FAILING_AT = 100

/** An operation with a bug: the FAILING_AT-th one throws; the others take 1 ms of the run's clock. */
function buggyOperations(clock: Clock, thrown: unknown): {run: OperationRunner; started: () => number} {
  let started = 0
  const run: OperationRunner = async () => {
    started++
    if (started === FAILING_AT) throw thrown
    await clock.sleep(1)
  }
  return {run, started: () => started}
}

async function drive(workload: Workload, clock: Clock, run: OperationRunner) {
  const target = new BuiltinTarget('builtin://', workload.cache, clock, workload.seed)
  const strategy = createStrategy(workload.strategy, {
    ttl: createTtlPolicy(workload.strategy, createRandom(1, 1)),
    valueSizes: createValueSizeGenerator(workload.values, createRandom(1, 2)),
    clock,
    keyCount: workload.keyspace.count,
  })
  return driveLoad({workload, plan: planLoad(workload.load), clock, target, strategy, runOperation: run, onMeasurementStart: () => undefined, events: []})
}

describe('one guarded path for every operation', () => {
  const loops = [
    ['open loop, simulated time', () => new VirtualClock(), {rate: 1000, operations: 5000}],
    ['closed loop, simulated time', () => new VirtualClock(), {concurrency: 8, operations: 5000}],
    ['open loop, wall clock', () => new RealClock(), {rate: 2000, operations: 1000}],
  ] as const
  for (const [name, makeClock, load] of loops) {
    it(`${name}: a throwing operation stops the load and ends the run with an internal error (exit 5), not an unhandled rejection`, async () => {
      const clock = makeClock()
      const operations = buggyOperations(clock, new TypeError('cannot read properties of undefined'))
      const unhandled: unknown[] = []
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
      process.on('unhandledRejection', onUnhandled)
      try {
        const failure = await drive(testWorkload({load: {...load}}), clock, operations.run).then(
          () => undefined,
          (error: unknown) => error,
        )
        expect(failure).toBeInstanceOf(InternalError)
        expect((failure as InternalError).exitCode).toBe(ExitCode.internalError)
        expect((failure as InternalError).message).toBe(
          'An operation failed unexpectedly, so the run was stopped: cannot read properties of undefined.',
        )
        // The load stopped soon after the failure instead of running all its operations.
        expect(operations.started()).toBeLessThan(load.operations)
      } finally {
        process.off('unhandledRejection', onUnhandled)
      }
      expect(unhandled).toEqual([])
    })
  }

  it('an error that already says what went wrong keeps its sentence and exit code', async () => {
    const clock = new VirtualClock()
    const refusal = new InputError('origin.latency is refused.')
    const failure = await drive(testWorkload({load: {rate: 1000, operations: 500}}), clock, buggyOperations(clock, refusal).run).catch((error: unknown) => error)
    expect(failure).toBe(refusal)
  })
})
