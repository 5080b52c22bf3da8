import {performance} from 'node:perf_hooks'

/** Reconnect soon after a failure, backing off to at most a second so a restarted server is picked up quickly. */
export function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** Math.min(attempt, 5), 1000)
}

/**
 * For clients that connect on a command's demand (the memcached paths): after a connect that
 * failed, the next waits for reconnectDelay, and commands meanwhile fail at once instead of each
 * paying for a refused connect. A connection that opened and was lost is opened again at once.
 */
export class ConnectBackoff {
  /** Until when (performance.now()) no connect is attempted; 0 when one may be. */
  private retryAt = 0
  /** Connects failed in a row: the backoff's step. */
  private failures = 0

  /** Whether a connect now would come before the backoff has passed. */
  holding(): boolean {
    return this.retryAt > 0 && performance.now() < this.retryAt
  }

  /** A connect succeeded: the next failure waits the shortest time again. */
  opened(): void {
    this.failures = 0
    this.retryAt = 0
  }

  /** A connect failed (refused, unreachable): hold off the next one. */
  failed(): void {
    this.retryAt = performance.now() + reconnectDelay(this.failures++)
  }
}
