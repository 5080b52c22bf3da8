import {performance} from 'node:perf_hooks'
import {describe, expect, it} from 'vitest'
import {RealClock} from '../../src/time/real-clock.js'

describe('wall-clock sleeps that tolerate lateness (sleepAtLeast)', () => {
  it('never wake early, and keep the event loop idle even for sub-millisecond waits', async () => {
    const clock = new RealClock()
    await clock.sleepAtLeast(1) // the helper thread is started by the first sleep
    const utilization = performance.eventLoopUtilization()
    let earliest = Infinity
    let wakeUps = 0
    const until = clock.now() + 300
    // 0.5 ms waits, as the open-loop dispatcher makes: a precise sleep polls the last 0.25 ms of
    // each, half of all the time; a loose one only runs when the helper thread wakes the loop.
    while (clock.now() < until && wakeUps < 2000) {
      const deadline = performance.now() + 0.5
      await clock.sleepAtLeast(0.5)
      earliest = Math.min(earliest, performance.now() - deadline)
      wakeUps++
    }
    expect(earliest).toBeGreaterThanOrEqual(0)
    expect(wakeUps).toBeGreaterThan(10)
    expect(performance.eventLoopUtilization(utilization).utilization).toBeLessThan(0.3)
  })
})
