import type {EvictionPolicy} from './eviction-policy.js'
import {IndexedLists} from './indexed-lists.js'
import {grownInt32} from './typed-array-growth.js'

const QUEUE = 0
const NONE = -1

/**
 * SIEVE (Zhang et al., "SIEVE is Simpler than LRU", NSDI 2024): one FIFO queue, a visited bit
 * set by a hit, and a hand that walks from the oldest entry towards the newest, clearing
 * visited bits, and evicts the first unvisited entry it meets; the hand stays where it stopped
 * and wraps to the oldest entry past the newest. Hits never move entries.
 */
export class SievePolicy implements EvictionPolicy {
  private readonly queue: IndexedLists
  private visited: Int32Array
  private hand = NONE

  constructor(initialCapacity: number) {
    this.queue = new IndexedLists(initialCapacity, 1)
    this.visited = new Int32Array(initialCapacity)
  }

  inserted(slot: number): void {
    this.visited[slot] = 0
    this.queue.pushBack(QUEUE, slot)
  }

  touched(slot: number): void {
    this.visited[slot] = 1
  }

  removed(slot: number): void {
    if (this.hand === slot) this.hand = this.queue.after(slot)
    this.queue.remove(QUEUE, slot)
  }

  victim(): number {
    let slot = this.hand === NONE ? this.queue.first(QUEUE) : this.hand
    if (slot === NONE) return NONE
    while (this.visited[slot] === 1) {
      this.visited[slot] = 0
      slot = this.queue.after(slot)
      if (slot === NONE) slot = this.queue.first(QUEUE)
    }
    this.hand = slot
    return slot
  }

  grow(capacity: number): void {
    this.queue.growElements(capacity)
    this.visited = grownInt32(this.visited, capacity, 0)
  }
}
