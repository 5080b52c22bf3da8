import {performance} from 'node:perf_hooks'
import {describe, expect, it} from 'vitest'
import {RealClock} from '../../src/time/real-clock.js'

describe('wall-clock sleeps', () => {
  it('never wake before their time, and wake in deadline order', async () => {
    const clock = new RealClock()
    // The sleep reads the clock for its own deadline between the two reads here; a pause in between
    // (a garbage collection, the thread descheduled on a busy machine) can be milliseconds, so each
    // sleep's deadline is known only to lie in [earliest, latest].
    const woke: Array<{earliest: number; latest: number; at: number}> = []
    // Sub-millisecond and multi-millisecond sleeps interleaved, started in an order unlike their deadlines.
    const sleeps = [3, 0.2, 1.7, 0.05, 6, 0.9, 2.5, 0.4]
    await Promise.all(
      sleeps.map(async (ms) => {
        const earliest = performance.now() + ms
        const sleeping = clock.sleep(ms)
        const latest = performance.now() + ms
        await sleeping
        woke.push({earliest, latest, at: performance.now()})
      }),
    )
    // Never early: even the earliest the deadline can be has passed.
    for (const {earliest, at} of woke) expect(at).toBeGreaterThanOrEqual(earliest)
    // In deadline order: no sleep wakes after one whose deadline is surely later than its own.
    for (let index = 1; index < woke.length; index++) {
      expect(woke[index].latest).toBeGreaterThanOrEqual(woke[index - 1].earliest)
    }
    expect(woke).toHaveLength(sleeps.length)
  })

  it('leave the event loop idle while they wait, instead of polling it', async () => {
    const clock = new RealClock()
    await clock.sleep(1) // the helper thread is started by the first sleep
    const utilization = performance.eventLoopUtilization()
    const until = clock.now() + 400
    // Four sleepers of about 5 ms, of lengths unlike each other so that their deadlines drift
    // apart: about 800 wake-ups a second. Polling the last 1.5 ms of each, as a setImmediate loop
    // must, would keep the loop busy about 1 − (1 − 1.5/5)⁴ ≈ 76% of the time.
    await Promise.all(
      [4.3, 4.9, 5.3, 5.9].map(async (ms) => {
        while (clock.now() < until) await clock.sleep(ms)
      }),
    )
    // Each wake-up polls at most the last 0.25 ms: about 20% of the time even if none coincide.
    expect(performance.eventLoopUtilization(utilization).utilization).toBeLessThan(0.35)
  })
})
