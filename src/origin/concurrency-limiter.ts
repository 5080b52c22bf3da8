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

  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.active
  }

  get queued(): number {
    return this.waiting.length - this.head
  }

  /** Resolves when the caller may start; pair every acquire with one release. */
  acquire(): Promise<void> | undefined {
    const demand = this.active + this.queued + 1
    if (demand > this.peak) this.peak = demand
    if (this.active < this.limit) {
      this.active++
      return undefined
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head]
      this.waiting[this.head++] = noop
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head)
        this.head = 0
      }
      next()
      return
    }
    this.active--
  }
}

function noop(): void {}
