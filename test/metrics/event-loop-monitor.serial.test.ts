import {performance} from 'node:perf_hooks'
import {describe, expect, it} from 'vitest'
import {EventLoopMonitor} from '../../src/metrics/event-loop-monitor.js'

const BLOCK_MS = 600

/** Holds the thread, as a cold start or a long pause during the warm-up would. */
function block(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // busy
  }
}

/** Lets the monitor's 2 ms timer run a few dozen times. */
async function idleFor(ms: number): Promise<void> {
  const until = performance.now() + ms
  while (performance.now() < until) await new Promise<void>((resolve) => setTimeout(resolve, 1))
}

describe('the event-loop monitor', () => {
  it('forgets the delays before restart (the warm-up), and keeps them without it', async () => {
    const restarted = new EventLoopMonitor()
    const whole = new EventLoopMonitor()
    restarted.start()
    whole.start()
    await idleFor(20)
    block(BLOCK_MS)
    await idleFor(5)
    restarted.restart()
    await idleFor(50)
    const measured = restarted.stop()
    const all = whole.stop()
    // The monitor that saw the block reports it; the one restarted after it reports only the
    // 50 ms of idle loop since, whose delays are far below a 600 ms block even on a busy machine.
    expect(all.max).toBeGreaterThanOrEqual(BLOCK_MS - 10)
    expect(measured.max).toBeLessThan(BLOCK_MS / 2)
  })
})
