import {CountedLists} from './counted-lists.js'
import type {EvictionPolicy, PolicyContext} from './eviction-policy.js'

const WINDOW = 0
const PROBATION = 1
const PROTECTED = 2
const NONE = -1

const WINDOW_SHARE = 0.01
const PROTECTED_SHARE = 0.8
/** The paper's sample size W is 10 × the cache size (section 3.3, reset). */
const SAMPLE_FACTOR = 10
/** 4-bit counters, as the paper's small counters: an item's count need not go much past W/C = 10. */
const MAX_COUNT = 15
const SKETCH_DEPTH = 4
const MIN_SKETCH_WIDTH = 16
/** Odd multipliers of the sketch's multiply-shift hashes, one per row; fixed so runs repeat exactly. */
const ROW_MULTIPLIERS = [0x9e3779b1, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f]

/**
 * W-TinyLFU (Einziger, Eytan, Friedman, Manes, "TinyLFU: A Highly Efficient Cache Admission
 * Policy", ACM ToS 2017): a new entry enters a window LRU of 1 % of the cache; the window's
 * victim is offered to the main cache, an SLRU of a probation segment and a protected one (80 %
 * of the main cache; a probation hit promotes, the protected LRU entry is demoted back to
 * probation's MRU end), and is admitted only if its estimated frequency is higher than the main
 * victim's (probation's LRU entry, else protected's), which is then evicted instead. Frequencies
 * come from a count-min sketch fed every access the policy is told of (hits, overwrites,
 * stores); when 10 × C have been counted, every counter and the count are halved. The paper's
 * optional doorkeeper is left out. C, the size in entries, is the most the cache has held, as the
 * engine's capacity may be in bytes. The sketch is written here rather than taken from npm
 * because its hashing must be fixed (tests replay it) and its hot path must not allocate.
 */
export class WTinyLfuPolicy implements EvictionPolicy {
  private readonly lists: CountedLists
  private readonly counts: number[]
  private sketch: Uint8Array
  private rowShift = 0
  private rowWidth = 0
  private samples = 0
  private size = 0
  /** A key not in the cache is about to be stored: it will take a window place. */
  private insertPending = false

  constructor(
    initialCapacity: number,
    private readonly context: PolicyContext,
  ) {
    this.lists = new CountedLists(initialCapacity, 3)
    this.counts = this.lists.counts
    this.sketch = this.sizedSketch(initialCapacity)
  }

  incoming(key: number): void {
    this.insertPending = true
    this.record(key)
  }

  inserted(slot: number): void {
    this.insertPending = false
    this.lists.link(slot, WINDOW)
    this.size = Math.max(this.size, this.counts[WINDOW] + this.counts[PROBATION] + this.counts[PROTECTED])
    // Room was free: the window's overflow joins the main cache without a contest.
    if (this.counts[WINDOW] > this.windowLimit()) this.move(this.lists.first(WINDOW), PROBATION)
  }

  touched(slot: number): void {
    this.record(this.context.keyOf(slot))
    const list = this.lists.listOf(slot)
    if (list !== PROBATION) {
      this.lists.lists.moveToBack(list, slot)
      return
    }
    this.move(slot, PROTECTED)
    const main = this.size - this.windowLimit()
    if (this.counts[PROTECTED] > Math.floor(PROTECTED_SHARE * main)) this.move(this.lists.first(PROTECTED), PROBATION)
  }

  removed(slot: number): void {
    this.lists.unlink(slot)
  }

  victim(): number {
    const mainVictim = this.counts[PROBATION] > 0 ? this.lists.first(PROBATION) : this.lists.first(PROTECTED)
    const window = this.counts[WINDOW] + (this.insertPending ? 1 : 0)
    if (this.counts[WINDOW] === 0 || (window <= this.windowLimit() && mainVictim !== NONE)) return mainVictim
    const candidate = this.lists.first(WINDOW)
    if (mainVictim === NONE || this.estimate(this.context.keyOf(candidate)) <= this.estimate(this.context.keyOf(mainVictim))) return candidate
    this.move(candidate, PROBATION)
    return mainVictim
  }

  grow(capacity: number): void {
    this.lists.grow(capacity)
    // More entries than the sketch was sized for: start it again wider (its counts cannot be rehashed).
    if (capacity > this.rowWidth) this.sketch = this.sizedSketch(capacity)
  }

  private windowLimit(): number {
    return Math.max(1, Math.floor(WINDOW_SHARE * this.size))
  }

  private move(slot: number, list: number): void {
    this.lists.unlink(slot)
    this.lists.link(slot, list)
  }

  private sizedSketch(entries: number): Uint8Array {
    let width = MIN_SKETCH_WIDTH
    while (width < entries) width *= 2
    this.rowWidth = width
    this.rowShift = 32 - Math.log2(width)
    this.samples = 0
    return new Uint8Array(SKETCH_DEPTH * width)
  }

  private indexIn(row: number, key: number): number {
    return row * this.rowWidth + (Math.imul(key ^ (key >>> 16), ROW_MULTIPLIERS[row]) >>> this.rowShift)
  }

  private record(key: number): void {
    for (let row = 0; row < SKETCH_DEPTH; row++) {
      const index = this.indexIn(row, key)
      if (this.sketch[index] < MAX_COUNT) this.sketch[index]++
    }
    if (++this.samples >= SAMPLE_FACTOR * Math.max(1, this.size)) this.halve()
  }

  private estimate(key: number): number {
    let least = MAX_COUNT
    for (let row = 0; row < SKETCH_DEPTH; row++) least = Math.min(least, this.sketch[this.indexIn(row, key)])
    return least
  }

  /** The paper's reset: every counter and the sample count are divided by 2. */
  private halve(): void {
    for (let index = 0; index < this.sketch.length; index++) this.sketch[index] >>= 1
    this.samples = Math.floor(this.samples / 2)
  }
}
