import type {PolicyContext} from './eviction-policy.js'
import {GhostedQueues, PROBATION, PROTECTED} from './ghosted-queues.js'
import {grownInt32} from './typed-array-growth.js'

const NONE = -1
const SMALL_SHARE = 0.1
const MAX_FREQUENCY = 3

/**
 * S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP 2023): a small
 * FIFO S (PROBATION, 10 % of the cache) for new entries, a main FIFO M (PROTECTED), and a ghost
 * FIFO G of keys that left S, as large as M. A hit adds to a 2-bit frequency (capped at 3);
 * nothing moves on a hit. To make room: while S holds 10 % or more, its oldest entry moves to M
 * if it was hit since it came in (frequency reset), else it is evicted and its key goes to G;
 * otherwise M's oldest entry is reinserted with its frequency less one while that is above
 * zero, else evicted. A new key found in G enters M directly. Sizes are in entries, taken when
 * the cache has to evict.
 */
export class S3FifoPolicy extends GhostedQueues {
  private frequency: Int32Array

  constructor(initialCapacity: number, context: PolicyContext) {
    super(initialCapacity, context)
    this.frequency = new Int32Array(initialCapacity)
  }

  override inserted(slot: number): void {
    this.frequency[slot] = 0
    super.inserted(slot)
  }

  touched(slot: number): void {
    if (this.frequency[slot] < MAX_FREQUENCY) this.frequency[slot]++
  }

  victim(): number {
    for (;;) {
      const small = this.counts[PROBATION]
      const main = this.counts[PROTECTED]
      if (small + main === 0) return NONE
      if (small > 0 && (small >= SMALL_SHARE * (small + main) || main === 0)) {
        const slot = this.queues.first(PROBATION)
        if (this.frequency[slot] === 0) return this.evictFromProbation()
        this.frequency[slot] = 0
        this.queues.unlink(slot)
        this.queues.link(slot, PROTECTED)
        continue
      }
      const slot = this.queues.first(PROTECTED)
      if (this.frequency[slot] === 0) return this.evictPlainly(slot)
      this.frequency[slot]--
      this.queues.lists.moveToBack(PROTECTED, slot)
    }
  }

  override grow(capacity: number): void {
    super.grow(capacity)
    this.frequency = grownInt32(this.frequency, capacity, 0)
  }

  protected ghostLimit(): number {
    return this.counts[PROTECTED]
  }
}
