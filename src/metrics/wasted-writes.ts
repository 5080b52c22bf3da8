/**
 * Counts cache sets that were never read: a set followed by another set, a delete, or a miss
 * (the entry was evicted or expired) with no hit in between. It watches only what the
 * application saw, so it works the same on every target, including servers that do not report
 * which keys they evicted.
 */
export class WastedWriteTracker {
  private readonly unread: Uint8Array
  wasted = 0

  constructor(keyCount: number) {
    this.unread = new Uint8Array(keyCount)
  }

  set(key: number, measured: boolean): void {
    this.settle(key, measured)
    this.unread[key] = 1
  }

  hit(key: number): void {
    this.unread[key] = 0
  }

  /** A delete or a miss ends the life of whatever was set. */
  gone(key: number, measured: boolean): void {
    this.settle(key, measured)
  }

  private settle(key: number, measured: boolean): void {
    if (this.unread[key] === 1) {
      this.unread[key] = 0
      if (measured) this.wasted++
    }
  }
}
