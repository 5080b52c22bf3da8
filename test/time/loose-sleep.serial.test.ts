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

  it('wake every sleeper whether it re-arms while the helper lingers after a wake-up or after it went idle', async () => {
    const clock = new RealClock()
    // Waits shorter and longer than the helper's 0.3 ms linger, and re-arms that come before the
    // linger ends (the next sleep starts at once) and after it (the loop does a little work first):
    // a lost wake-up would hang here until the test times out.
    const waits = [0.05, 0.2, 0.35, 1, 0.1, 2, 0.29, 0.31]
    let earliest = Infinity
    for (let round = 0; round < 40; round++) {
      for (const ms of waits) {
        const deadline = performance.now() + ms
        await clock.sleepAtLeast(ms)
        earliest = Math.min(earliest, performance.now() - deadline)
        if (round % 2 === 1) await new Promise<void>((resolve) => setImmediate(resolve))
      }
    }
    expect(earliest).toBeGreaterThanOrEqual(0)
  })
})
