/**
 * The flows strategies start beside their operations on the async path (FlowBooks.spawn): the
 * run waits for those under way before it ends, so none is cut off or left unobserved.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>()

  track(task: Promise<unknown>): void {
    this.running.add(task)
    const settled = (): void => {
      this.running.delete(task)
    }
    task.then(settled, settled)
  }

  /** Resolves once every flow tracked (and any they started meanwhile) has ended; rejects with the first failure. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running])
  }
}
