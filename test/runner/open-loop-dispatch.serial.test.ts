import {describe, expect, it} from 'vitest'
import {DISPATCH_QUANTUM_MS, runOpenLoop} from '../../src/runner/open-loop.js'
import {RealClock} from '../../src/time/real-clock.js'

const RATE_PER_MS = 20 // 20,000 starts a second
const DURATION_MS = 300

describe('the open-loop dispatcher on the wall clock', () => {
  it('starts every operation due in one turn per quantum, never before its intended time', async () => {
    const clock = new RealClock()
    clock.startLoad()
    let turns = 0
    let inTurn = false
    const earliness: number[] = []
    // The dispatcher calls each operation synchronously: calls before the next microtask
    // checkpoint were started in one turn of its loop.
    const operation = async (_slot: number, _measured: boolean, intended: number): Promise<void> => {
      earliness.push(intended - clock.now())
      if (!inTurn) {
        turns++
        inTurn = true
        queueMicrotask(() => (inTurn = false))
      }
    }
    const outcome = await runOpenLoop(
      {concurrency: 1, operations: null, durationMs: DURATION_MS, warmupOperations: 0, warmupMs: 0, maxInFlight: 10_000},
      clock,
      {nextGap: () => 1 / RATE_PER_MS},
      operation,
      () => {},
    )
    // Constant gaps of 0.05 ms from 0 up to (not including) 300 ms.
    expect(outcome.issued).toBe(DURATION_MS * RATE_PER_MS)
    expect(outcome.dropped).toBe(0)
    expect(Math.max(...earliness)).toBeLessThanOrEqual(0)
    // A turn per start would be 6000; at most one per quantum leaves room for 600, more only
    // when a wake-up comes late, which makes the following turns fewer.
    expect(turns).toBeLessThanOrEqual(DURATION_MS / DISPATCH_QUANTUM_MS + 1)
    expect(turns).toBeGreaterThan(10)
  })

  it('counts the starts that a busy event loop held back as late, and starts every arrival once', async () => {
    const clock = new RealClock()
    clock.startLoad()
    const BLOCK_AT_MS = 20
    const BLOCK_MS = 15
    const started: number[] = []
    // The operation intended at 20 ms holds the thread for 15 ms, as a long GC pause or a
    // descheduled process would: nothing can start before it ends.
    const operation = async (_slot: number, _measured: boolean, intended: number): Promise<void> => {
      started.push(intended)
      if (intended === BLOCK_AT_MS) {
        const until = clock.now() + BLOCK_MS
        while (clock.now() < until) {
          // busy: the dispatcher's thread is blocked here
        }
      }
    }
    const outcome = await runOpenLoop(
      {concurrency: 1, operations: null, durationMs: 100, warmupOperations: 0, warmupMs: 0, maxInFlight: 10_000},
      clock,
      {nextGap: () => 1},
      operation,
      () => {},
    )
    // One start a millisecond, 0 to 99 ms, each once and in order.
    expect(started).toEqual(Array.from({length: 100}, (_, at) => at))
    expect(outcome.issued).toBe(100)
    expect(outcome.dropped).toBe(0)
    // The block ended at 35 ms or later, so the arrivals intended at 21…33 ms started more than
    // 1 ms late whatever the machine's load: at least 13 late starts (more if it was busy).
    expect(outcome.lateStarts).toBeGreaterThanOrEqual(13)
    expect(outcome.lateStarts).toBeLessThanOrEqual(outcome.issued)
  })
})
