import {performance} from 'node:perf_hooks'
import type {Clock} from './clock.js'

const RESOLVED = Promise.resolve()
/** Node's timers fire on a ~1 ms grid; the last stretch of a sleep is polled so sub-millisecond latency models stay honest. */
const TIMER_SLACK_MS = 1.5

/** Wall-clock time for real targets. */
export class RealClock implements Clock {
  readonly kind = 'real'
  private origin = performance.now()

  startLoad(): void {
    this.origin = performance.now()
  }

  now(): number {
    return performance.now() - this.origin
  }

  tick(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve))
  }

  handOff(resume: () => void): void {
    resume()
  }

  othersDueNow(): boolean {
    return false
  }

  sleep(ms: number): Promise<void> {
    if (!(ms > 0)) return RESOLVED
    const deadline = this.now() + ms
    return new Promise((resolve) => {
      const poll = (): void => {
        const left = deadline - this.now()
        if (left <= 0) resolve()
        // Ref'd on purpose: when every connection is gone, a sleeping origin query is all that keeps the run alive.
        else if (left > TIMER_SLACK_MS) setTimeout(poll, left - TIMER_SLACK_MS)
        else setImmediate(poll)
      }
      poll()
    })
  }
}
