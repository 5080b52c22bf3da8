import type {EvictionPolicy} from './eviction-policy.js'
import {IndexedLists} from './indexed-lists.js'

/** The one list these policies keep. */
export const ORDER = 0

/** First in, first out: evicts the oldest insertion; reads and overwrites do not reorder. */
export class FifoPolicy implements EvictionPolicy {
  protected readonly order: IndexedLists

  constructor(initialCapacity: number) {
    this.order = new IndexedLists(initialCapacity, 1)
  }

  inserted(slot: number): void {
    this.order.pushBack(ORDER, slot)
  }

  touched(_slot: number): void {}

  removed(slot: number): void {
    this.order.remove(ORDER, slot)
  }

  victim(): number {
    return this.order.first(ORDER)
  }

  grow(capacity: number): void {
    this.order.growElements(capacity)
  }
}
