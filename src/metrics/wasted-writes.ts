import {grownLength, grownUint8} from '../engine/typed-array-growth.js'

/**
 * Counts cache sets that were never read: a set followed by another set, a delete, an eviction
 * or an expiry with no hit in between. Sets, deletes and reads are what the application saw; on
 * the built-in engine the engine also says when an entry is evicted or expires, so the set counts
 * when it leaves the cache. Servers do not say which keys they evicted: there an evicted set
 * counts when a later read of its key misses.
 */
export class WastedWriteTracker {
  private unread: Uint8Array
  wasted = 0
  /** Departures the engine reports belong to the measured span once it has begun. */
  measuring = false

  constructor(keyCount: number) {
    this.unread = new Uint8Array(keyCount)
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    if (count > this.unread.length) this.unread = grownUint8(this.unread, grownLength(this.unread.length, count))
  }

  set(key: number, measured: boolean): void {
    this.settle(key, measured)
    this.unread[key] = 1
  }

  hit(key: number): void {
    this.unread[key] = 0
  }

  /** The engine evicted or expired the key's entry. */
  left(key: number): void {
    this.settle(key, this.measuring)
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
