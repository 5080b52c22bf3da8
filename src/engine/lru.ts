import type {EvictionPolicy} from './eviction-policy.js'
import {IndexedLists} from './indexed-lists.js'

const ORDER = 0

/** Least recently used: one list from least to most recently read or written. */
export class LruPolicy implements EvictionPolicy {
  private readonly order: IndexedLists

  constructor(initialCapacity: number) {
    this.order = new IndexedLists(initialCapacity, 1)
  }

  inserted(slot: number): void {
    this.order.pushBack(ORDER, slot)
  }

  touched(slot: number): void {
    this.order.moveToBack(ORDER, slot)
  }

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
