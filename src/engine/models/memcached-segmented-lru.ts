import type {EvictionPolicy, PolicyContext} from '../eviction-policy.js'
import {IndexedLists} from '../indexed-lists.js'
import {grownFloat64, grownInt32} from '../typed-array-growth.js'
import {SLAB_CLASS_COUNT, slabClassOf} from './memcached-slabs.js'

const HOT = 0
const WARM = 1
const COLD = 2
const SEGMENTS = 3
const NONE = -1

/** items.c it_flags: read once since stored / read again since, i.e. worth keeping. */
const FETCHED = 1
const ACTIVE = 2

/*
 * memcached 1.6.18 defaults (memcached.c settings_init): lru_segmented, hot_lru_pct 20,
 * warm_lru_pct 40, hot_max_factor 0.2, warm_max_factor 2.0. items.c lru_maintainer_juggle()
 * runs up to 500 moves per pass.
 */
const HOT_PERCENT = 20
const WARM_PERCENT = 40
const HOT_MAX_FACTOR = 0.2
const WARM_MAX_FACTOR = 2
const MOVES_PER_JUGGLE = 500

/**
 * memcached's segmented LRU (≥ 1.5), one HOT/WARM/COLD set per slab class, from items.c:
 * - new items enter HOT (do_item_link);
 * - a read marks an item FETCHED, a second read ACTIVE (do_item_bump); an ACTIVE read in COLD
 *   moves it to WARM (do_item_update, via the async bump queue);
 * - the LRU maintainer (lru_maintainer_juggle → lru_pull_tail) moves an ACTIVE HOT tail to WARM,
 *   requeues an ACTIVE WARM tail, and moves a HOT tail to COLD when HOT holds over 20 % of the
 *   class or the item is older than 0.2 × the COLD tail's age (WARM: 40 %, 2 ×);
 * - a store that finds no free chunk evicts the COLD tail of its own class, after pulling the
 *   HOT tail down when COLD is empty (do_item_alloc_pull).
 * The maintainer is a background thread on the server; here it runs after every change, the
 * state it converges to when it keeps up. Times are whole seconds, as memcached's current_time.
 * Class shares are counted in items, not bytes: items of one class differ by < 25 % in size.
 */
export class MemcachedSegmentedLru implements EvictionPolicy {
  private readonly lists: IndexedLists
  private readonly counts = new Int32Array(SLAB_CLASS_COUNT * SEGMENTS)
  private classOfSlot: Int32Array
  private segmentOfSlot: Int32Array
  private flags: Int32Array
  /** items.c it->time: seconds of the last link or counted access. */
  private times: Float64Array

  constructor(
    initialCapacity: number,
    private readonly context: PolicyContext,
  ) {
    this.lists = new IndexedLists(initialCapacity, SLAB_CLASS_COUNT * SEGMENTS)
    this.classOfSlot = new Int32Array(initialCapacity)
    this.segmentOfSlot = new Int32Array(initialCapacity).fill(NONE)
    this.flags = new Int32Array(initialCapacity)
    this.times = new Float64Array(initialCapacity)
  }

  inserted(slot: number, charge = 0): void {
    const slabClass = slabClassOf(charge)
    this.classOfSlot[slot] = slabClass
    this.flags[slot] = 0
    this.times[slot] = this.seconds()
    this.link(slot, HOT)
    this.juggle(slabClass)
  }

  touched(slot: number): void {
    const flags = this.flags[slot]
    if ((flags & ACTIVE) !== 0) return
    if ((flags & FETCHED) === 0) {
      this.flags[slot] = flags | FETCHED
      return
    }
    this.times[slot] = this.seconds()
    if (this.segmentOfSlot[slot] === COLD) {
      this.unlink(slot)
      this.link(slot, WARM)
      this.juggle(this.classOfSlot[slot])
    } else {
      this.flags[slot] = flags | ACTIVE
    }
  }

  removed(slot: number): void {
    this.unlink(slot)
  }

  /** Any entry (the engine's clear() drains the cache with it). */
  victim(): number {
    for (let list = 0; list < this.counts.length; list++) {
      const first = this.lists.first(list)
      if (first !== NONE) return first
    }
    return NONE
  }

  victimFor(charge: number): number {
    const base = slabClassOf(charge) * SEGMENTS
    for (;;) {
      const cold = this.lists.first(base + COLD)
      if (cold !== NONE) return cold
      const hot = this.lists.first(base + HOT)
      if (hot === NONE) return this.lists.first(base + WARM)
      this.demoteTail(hot)
    }
  }

  grow(capacity: number): void {
    this.lists.growElements(capacity)
    this.classOfSlot = grownInt32(this.classOfSlot, capacity, 0)
    this.segmentOfSlot = grownInt32(this.segmentOfSlot, capacity, NONE)
    this.flags = grownInt32(this.flags, capacity, 0)
    this.times = grownFloat64(this.times, capacity, 0)
  }

  /** HOT, WARM or COLD as 0, 1, 2 (for inspection and tests). */
  segmentOf(slot: number): number {
    return this.segmentOfSlot[slot]
  }

  private seconds(): number {
    return Math.floor(this.context.now() / 1000)
  }

  private juggle(slabClass: number): void {
    const base = slabClass * SEGMENTS
    const coldTail = this.lists.first(base + COLD)
    const now = this.seconds()
    const coldAge = coldTail === NONE ? 0 : now - this.times[coldTail]
    const hotAge = Math.floor(coldAge * HOT_MAX_FACTOR)
    const warmAge = Math.floor(coldAge * WARM_MAX_FACTOR)
    const total = this.counts[base + HOT] + this.counts[base + WARM] + this.counts[base + COLD]
    for (let move = 0; move < MOVES_PER_JUGGLE; move++) {
      if (!this.pull(base, HOT, Math.floor((total * HOT_PERCENT) / 100), hotAge, now) &&
        !this.pull(base, WARM, Math.floor((total * WARM_PERCENT) / 100), warmAge, now)) return
    }
  }

  /** items.c lru_pull_tail() on HOT or WARM without eviction; true when it moved an item. */
  private pull(base: number, segment: number, limit: number, maxAge: number, now: number): boolean {
    const tail = this.lists.first(base + segment)
    if (tail === NONE) return false
    if ((this.flags[tail] & ACTIVE) !== 0) {
      this.flags[tail] &= ~ACTIVE
      this.unlink(tail)
      this.link(tail, WARM)
      return true
    }
    if (this.counts[base + segment] > limit || now - this.times[tail] > maxAge) {
      this.unlink(tail)
      this.link(tail, COLD)
      return true
    }
    return false
  }

  /** do_item_alloc_pull() with COLD empty: lru_pull_tail(HOT, total_bytes 0) moves the tail down. */
  private demoteTail(slot: number): void {
    const active = (this.flags[slot] & ACTIVE) !== 0
    this.flags[slot] &= ~ACTIVE
    this.unlink(slot)
    this.link(slot, active ? WARM : COLD)
  }

  private link(slot: number, segment: number): void {
    const list = this.classOfSlot[slot] * SEGMENTS + segment
    this.lists.pushBack(list, slot)
    this.segmentOfSlot[slot] = segment
    this.counts[list]++
  }

  private unlink(slot: number): void {
    const segment = this.segmentOfSlot[slot]
    if (segment === NONE) return
    const list = this.classOfSlot[slot] * SEGMENTS + segment
    this.lists.remove(list, slot)
    this.segmentOfSlot[slot] = NONE
    this.counts[list]--
  }
}
