import type {Clock} from '../time/clock.js'

/**
 * Waits on the run's clock that the end of the load cuts short, for work that runs beside the
 * load (events, the timeline's sampling): otherwise the last wait would hold the run open, or
 * on the simulated clock carry time on past the end.
 */
export class StoppableWait {
  stopped = false
  private readonly wake: Array<() => void> = []

  constructor(private readonly clock: Clock) {}

  /** Resolves at `atMs` on the clock, or at once when stopped; check `stopped` afterwards. */
  until(atMs: number): Promise<void> {
    if (this.stopped) return Promise.resolve()
    return Promise.race([this.clock.sleep(atMs - this.clock.now()), new Promise<void>((resolve) => this.wake.push(resolve))])
  }

  stop(): void {
    this.stopped = true
    for (const resolve of this.wake.splice(0)) resolve()
  }
}
