import {performance} from 'node:perf_hooks'
import type {Clock} from './clock.js'
import {wakeAt, wakeLooselyAt, warmUpTimer} from './precise-timer.js'

const RESOLVED = Promise.resolve()

/** Wall-clock time for real targets. */
export class RealClock implements Clock {
  readonly kind = 'real'
  private origin = performance.now()
  private holding = false
  private held = 0

  constructor() {
    warmUpTimer()
  }

  startLoad(): void {
    this.origin = performance.now()
  }

  now(): number {
    return this.holding ? this.held : performance.now() - this.origin
  }

  hold(): boolean {
    if (this.holding) return false
    this.held = performance.now() - this.origin
    this.holding = true
    return true
  }

  release(): void {
    this.holding = false
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
