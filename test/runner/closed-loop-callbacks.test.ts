import {describe, expect, it} from 'vitest'
import {InternalError} from '../../src/errors.js'
import {runClosedLoop, type OperationDone, type OperationRunner} from '../../src/runner/closed-loop.js'
import {guardOperations} from '../../src/runner/guarded-operation.js'
import {planLoad} from '../../src/runner/load-plan.js'
import {RealClock} from '../../src/time/real-clock.js'
import {testWorkload} from '../helpers/workload.js'

const SLOTS = 8
const OPERATIONS = 10_000
const WARMUP = 1_000

/** What the loop asked of its runner: one entry per operation, in the order started. */
interface Log {
  measured: number
  perSlot: number[]
  /** Set when a slot was given an operation while its previous one was still running. */
  overlapped: boolean
}

/**
 * Operations that end on their own schedule: every third at once (inside the call that started
 * it), the others a microtask or a turn of the event loop later, so the loop meets each way an
 * operation can end. `callbacks` gives the runner the callback form the closed loop prefers.
 */
function scriptedRunner(callbacks: boolean, log: Log): OperationRunner {
  const busy = new Array<boolean>(SLOTS).fill(false)
  let started = 0
  const start = (slot: number, measured: boolean, _intendedStart: number, done: OperationDone): void => {
    if (busy[slot]) log.overlapped = true
    busy[slot] = true
    log.perSlot[slot]++
    if (measured) log.measured++
    const end = (): void => {
      busy[slot] = false
      done()
    }
    const way = started++ % 3
    if (way === 0) end()
    else if (way === 1) queueMicrotask(end)
    else setImmediate(end)
  }
  const run: OperationRunner = (slot, measured, intendedStart) => new Promise<void>((resolve) => start(slot, measured, intendedStart, () => resolve()))
  if (callbacks) run.start = start
  return run
}

describe('the closed loop with a runner that reports through callbacks', () => {
  it('issues the same operations as with promises: every one, the warm-up unmeasured, one at a time per slot, past the yields every 4096', async () => {
    const plan = planLoad(testWorkload({load: {concurrency: SLOTS, operations: OPERATIONS, warmup: {operations: WARMUP}}}).load)
    const outcomes = []
    for (const callbacks of [true, false]) {
      const log: Log = {measured: 0, perSlot: new Array<number>(SLOTS).fill(0), overlapped: false}
      const window = await runClosedLoop(plan, new RealClock(), scriptedRunner(callbacks, log), () => undefined)
      outcomes.push({issued: window.issued, measured: log.measured, overlapped: log.overlapped, slotsUsed: log.perSlot.filter((count) => count > 0).length})
    }
    const expected = {issued: OPERATIONS, measured: OPERATIONS - WARMUP, overlapped: false, slotsUsed: SLOTS}
    expect(outcomes).toEqual([expected, expected])
  })

  it('an operation that fails through its callback stops the load, and the run ends with an internal error (exit 5)', async () => {
    const plan = planLoad(testWorkload({load: {concurrency: SLOTS, operations: OPERATIONS, warmup: {operations: 0}}}).load)
    let started = 0
    const run: OperationRunner = () => Promise.reject(new Error('the promise form is not used when the callback form is there'))
    run.start = (_slot, _measured, _intendedStart, done) => {
      started++
      if (started === 100) setImmediate(() => done({error: new TypeError('cannot read properties of undefined')}))
      else setImmediate(() => done())
    }
    const stopping = new AbortController()
    const guard = guardOperations(run, () => stopping.abort())
    await runClosedLoop(plan, new RealClock(), guard.runOperation, () => undefined, stopping.signal)
    expect(() => guard.rethrow()).toThrow(InternalError)
    expect(() => guard.rethrow()).toThrow(/^An operation failed unexpectedly, so the run was stopped: cannot read properties of undefined\.$/)
    // Stopped: the slots in flight finished, and no more started.
    expect(started).toBeLessThan(100 + 2 * SLOTS)
  })
})
