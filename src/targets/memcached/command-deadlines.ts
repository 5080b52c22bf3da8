import {performance} from 'node:perf_hooks'
import {CacheCommandError, classifyCommandError} from '../command-error.js'

interface Pending {
  deadline: number
  limitMs: number
  fail: (error: Error) => void
}

/** What a memjs callback may carry as its error: memjs sometimes fails with a bare string. */
export type CallbackError = Error | string | null

/**
 * Settles every command of one node by its deadline, whatever the client library does: memjs
 * measures its timeout from the moment a request is written and only while the socket is idle,
 * so a command queued behind a connection attempt, or on a busy socket, could otherwise wait
 * far longer than --timeout. One coarse timer sweeps all pending commands instead of one timer
 * per command. Failures become CacheCommandErrors naming the node, already classified.
 */
export class CommandDeadlines {
  private readonly pending = new Set<Pending>()
  private sweeper: NodeJS.Timeout | null = null

  constructor(
    private readonly endpoint: string,
    private readonly sweepEveryMs: number,
  ) {}

  /** Issues a command through `issue`, which must call `done` exactly once. */
  run<T>(limitMs: number, issue: (done: (error: CallbackError, value: T) => void) => void): Promise<T> {
    if (this.sweeper === null) this.startSweeping()
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {deadline: performance.now() + limitMs, limitMs, fail: reject}
      this.pending.add(entry)
      issue((error, value) => {
        // A reply after the deadline (or after close) finds its entry gone and is dropped.
        if (!this.pending.delete(entry)) return
        if (error) reject(this.commandError(error))
        else resolve(value)
      })
    })
  }

  /** Fails everything still pending (used on close, so nothing waits on a dead node). */
  failAll(message: string): void {
    const failing = [...this.pending]
    this.pending.clear()
    for (const entry of failing) entry.fail(new CacheCommandError('connection', `${this.endpoint}: ${message}`))
    if (this.sweeper) clearInterval(this.sweeper)
    this.sweeper = null
  }

  private commandError(error: Error | string): CacheCommandError {
    const message = typeof error === 'string' ? error : error.message
    return new CacheCommandError(classifyCommandError(error), `${this.endpoint}: ${message.replace(/\.$/, '')}`)
  }

  private startSweeping(): void {
    this.sweeper = setInterval(() => this.sweep(), this.sweepEveryMs)
    // Sweeping must never keep a finished process alive.
    this.sweeper.unref()
  }

  private sweep(): void {
    const now = performance.now()
    for (const entry of this.pending) {
      if (entry.deadline > now) continue
      this.pending.delete(entry)
      entry.fail(new CacheCommandError('timeout', `${this.endpoint}: no reply within ${entry.limitMs} ms`))
    }
  }
}
