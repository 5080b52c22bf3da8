import {performance} from 'node:perf_hooks'
import type {Clock} from './clock.js'
import {wakeAt, wakeLooselyAt, warmUpTimer} from './precise-timer.js'

const RESOLVED = Promise.resolve()

/** Wall-clock time for real targets. */
export class RealClock implements Clock {
  readonly kind = 'real'
  private origin = performance.now()

  constructor() {
    warmUpTimer()
  }

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
    const at = performance.now() + ms
    return new Promise((resolve) => wakeAt(at, resolve))
  }

  sleepAtLeast(ms: number): Promise<void> {
    if (!(ms > 0)) return RESOLVED
    const at = performance.now() + ms
    return new Promise((resolve) => wakeLooselyAt(at, resolve))
  }
}
