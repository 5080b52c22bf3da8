import {CountedLists} from './counted-lists.js'
import type {EvictionPolicy, PolicyContext} from './eviction-policy.js'
import {GhostKeys} from './ghost-keys.js'

const T1 = 0
const T2 = 1
const NONE = -1

/** Which of the paper's cases the incoming key is. */
const NEW = 0
const IN_B1 = 1
const IN_B2 = 2

/**
 * ARC (Megiddo & Modha, "ARC: A Self-Tuning, Low Overhead Replacement Cache", FAST 2003): T1
 * holds entries seen once recently, T2 entries seen at least twice, both LRU; the ghost lists
 * B1 and B2 remember keys evicted from each. A miss on a B1 ghost grows the target size p of
 * T1, one on a B2 ghost shrinks it, and REPLACE evicts from T1 while it is larger than p (or
 * equal, for a B2 ghost), else from T2. c, the cache size in entries, is the most the cache has
 * held, as the engine's capacity may be in bytes.
 */
export class ArcPolicy implements EvictionPolicy {
  private readonly lists: CountedLists
  private readonly counts: number[]
  private readonly b1 = new GhostKeys()
  private readonly b2 = new GhostKeys()
  private target = 0
  private size = 0
  private incomingCase = NEW
  /** Case IV with T1 holding all c entries: evict its LRU entry without a ghost. */
  private evictT1Plainly = false
  private pendingGhost = NONE
  private pendingGhostList = T1

  constructor(
    initialCapacity: number,
    private readonly context: PolicyContext,
  ) {
    this.lists = new CountedLists(initialCapacity, 2)
    this.counts = this.lists.counts
  }

  incoming(key: number): void {
    const c = this.size
    this.evictT1Plainly = false
    if (this.b1.has(key)) {
      this.incomingCase = IN_B1
      this.target = Math.min(c, this.target + (this.b1.size >= this.b2.size ? 1 : this.b2.size / this.b1.size))
    } else if (this.b2.has(key)) {
      this.incomingCase = IN_B2
      this.target = Math.max(0, this.target - (this.b2.size >= this.b1.size ? 1 : this.b1.size / this.b2.size))
    } else {
      this.incomingCase = NEW
      const l1 = this.counts[T1] + this.b1.size
      const total = l1 + this.counts[T2] + this.b2.size
      if (c > 0 && l1 >= c) {
        if (this.counts[T1] < c) this.b1.dropOldest()
        else this.evictT1Plainly = true
      } else if (c > 0 && total >= 2 * c) {
        this.b2.dropOldest()
      }
    }
  }

  inserted(slot: number): void {
    const key = this.context.keyOf(slot)
    if (this.incomingCase === IN_B1) this.b1.delete(key)
    if (this.incomingCase === IN_B2) this.b2.delete(key)
    this.lists.link(slot, this.incomingCase === NEW ? T1 : T2)
    this.incomingCase = NEW
    this.size = Math.max(this.size, this.counts[T1] + this.counts[T2])
  }

  touched(slot: number): void {
    this.lists.unlink(slot)
    this.lists.link(slot, T2)
  }

  removed(slot: number): void {
    if (slot === this.pendingGhost) {
      this.pendingGhost = NONE
      const key = this.context.keyOf(slot)
      if (this.pendingGhostList === T1) this.b1.add(key, Infinity)
      else this.b2.add(key, Infinity)
    }
    this.lists.unlink(slot)
  }

  victim(): number {
    const t1 = this.counts[T1]
    if (this.evictT1Plainly && t1 > 0) {
      this.pendingGhost = NONE
      return this.lists.first(T1)
    }
    const fromT1 = t1 >= 1 && ((this.incomingCase === IN_B2 && t1 === this.target) || t1 > this.target)
    const list = fromT1 || this.counts[T2] === 0 ? T1 : T2
    this.pendingGhost = this.lists.first(list)
    this.pendingGhostList = list
    return this.pendingGhost
  }

  grow(capacity: number): void {
    this.lists.grow(capacity)
  }
}
