/**
 * A counting semaphore with a FIFO queue: queries beyond the limit wait their turn, the way a
 * database's connection pool makes an overloaded origin show queueing delay.
 */
export class ConcurrencyLimiter {
  private active = 0
  private readonly waiting: Array<() => void> = []
  private head = 0
  /** Most queries in flight plus queued at any moment. */
  peak = 0

  constructor(
    readonly limit: number,
    /** How an admitted waiter is resumed: through the clock, so simulated time orders it like any event. */
    private readonly handOff: (resume: () => void) => void = (resume) => resume(),
  ) {
    // Stored a second time, so V8 treats it as a changing field from the start: its first store
    // otherwise comes when the queue first drains, mid-run, and changes the limiter's hidden class.
    this.head = 0
  }

  get inFlight(): number {
    return this.active
  }

  get queued(): number {
    return this.waiting.length - this.head
  }

  /** Resolves when the caller may start; pair every acquire with one release. */
  acquire(): Promise<void> | undefined {
    if (this.enter()) return undefined
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  /**
   * The callback form, for the simulation core: true when the caller may start now; otherwise
   * `onTurn` is called when it may (it then holds a place, to release like any other).
   */
  enter(onTurn?: () => void): boolean {
    const demand = this.active + this.queued + 1
    if (demand > this.peak) this.peak = demand
    if (this.active < this.limit) {
      this.active++
      return true
    }
    if (onTurn !== undefined) this.waiting.push(onTurn)
    return false
  }

  /** Ends a window of `peak` and starts the next from the demand now (measurement or a phase begins); returns the ended window's peak. */
  restartPeak(): number {
    const ended = this.peak
    this.peak = this.active + this.queued
    return ended
  }

  release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head]
      this.waiting[this.head++] = noop
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head)
        this.head = 0
      }
      this.handOff(next)
      return
    }
    this.active--
  }
}

function noop(): void {}
