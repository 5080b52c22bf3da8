import type {Clock} from './clock.js'
import {TimerHeap} from './timer-heap.js'

const RESOLVED = Promise.resolve()

/**
 * Discrete-event time for the builtin target: sleeping costs no wall time, and the run is
 * deterministic for a seed at any concurrency, because the order of events depends only on
 * simulated times, never on how busy the machine is.
 */
export class VirtualClock implements Clock {
  readonly kind = 'virtual'
  private current = 0
  private readonly timers = new TimerHeap()
  private pendingTicks = 0

  now(): number {
    return this.current
  }

  /**
   * A macrotask turn, so timers and signals (Ctrl-C) get a chance even in a run whose operations
   * take no simulated time and would otherwise run as one long chain of microtasks.
   */
  tick(): Promise<void> {
    this.pendingTicks++
    return new Promise((resolve) =>
      setImmediate(() => {
        this.pendingTicks--
        resolve()
      }),
    )
  }

  sleep(ms: number): Promise<void> {
    if (!(ms > 0)) return RESOLVED
    return new Promise((resolve) => this.timers.push(this.current + ms, resolve))
  }

  /**
   * Advances time until no task waits on a timer. Between steps it yields a macrotask turn, which
   * lets every promise chain woken by the previous step run to its next sleep.
   */
  async drive(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      // A task yielding for a turn has not yet said what it waits for: time must not move on.
      if (this.pendingTicks > 0) continue
      if (this.timers.size === 0) return
      const time = this.timers.peekTime()
      this.current = time
      while (this.timers.size > 0 && this.timers.peekTime() === time) this.timers.pop()()
    }
  }
}
