import type {PolicyContext} from './eviction-policy.js'
import {GhostedQueues, PROBATION, PROTECTED} from './ghosted-queues.js'

/** The paper's recommended sizes: Kin 25 % of the cache, Kout (ghosts) 50 %. */
const KIN_SHARE = 0.25
const KOUT_SHARE = 0.5

/**
 * Full 2Q (Johnson & Shasha, "2Q: A Low Overhead High Performance Buffer Management Replacement
 * Algorithm", VLDB 1994): new entries enter the FIFO A1in (PROBATION), where hits do not move
 * them; an entry pushed out of A1in leaves its key in the ghost FIFO A1out; a miss on a key in
 * A1out enters the LRU Am (PROTECTED), whose hits move entries to its recent end. Room is made
 * from A1in while it holds more than Kin, else from Am's least recent end. The cache's size in
 * entries is the number it holds when it has to evict, as the engine's capacity may be in bytes.
 */
export class TwoQPolicy extends GhostedQueues {
  constructor(initialCapacity: number, context: PolicyContext) {
    super(initialCapacity, context)
  }

  touched(slot: number): void {
    if (this.queueOf(slot) === PROTECTED) this.queues.lists.moveToBack(PROTECTED, slot)
  }

  victim(): number {
    const kin = Math.max(1, Math.floor(KIN_SHARE * this.resident()))
    if (this.counts[PROBATION] > kin || this.counts[PROTECTED] === 0) return this.evictFromProbation()
    return this.evictPlainly(this.queues.first(PROTECTED))
  }

  protected ghostLimit(): number {
    return Math.floor(KOUT_SHARE * this.resident())
  }

  private resident(): number {
    return this.counts[PROBATION] + this.counts[PROTECTED]
  }
}
