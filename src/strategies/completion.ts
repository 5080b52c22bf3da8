/**
 * Something one flow finishes and another may wait for (`FlowIo.join`): a write-behind flush
 * landing, which a delete of the same key waits for. Both engines wait on it: the async driver
 * through a promise, the simulation core through the callback.
 */
export class Completion {
  done = false
  private waiters: Array<() => void> = []

  /** Calls `waiter` once this is done: at once when it already is. */
  whenDone(waiter: () => void): void {
    if (this.done) waiter()
    else this.waiters.push(waiter)
  }

  complete(): void {
    this.done = true
    const waiters = this.waiters
    this.waiters = []
    for (const waiter of waiters) waiter()
  }
}
