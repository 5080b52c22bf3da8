import {grownInt32} from '../engine/typed-array-growth.js'
import {lowestBit, popcount} from './bit-words.js'

/**
 * An LRU stack that answers "between which two cache sizes of the grid does this key stand?"
 * rather than "how deep is it?": a curve needs no more.
 *
 * Every access writes its key to a new slot, so live slots in slot order are the stack, most
 * recent last, and a bitmap says which slots are live. The grid's sizes cut the stack into
 * regions: region j holds the keys whose depth (their own weight and all above them) lies in
 * (limits[j-1], limits[j]], the last region the deeper ones; a region is the live slots between
 * two boundary slot numbers. An access moves its key to the top, so the boundary of each region
 * above its old one moves up past one key: a scan of the bitmap to the next live slot, in
 * memory the boundary has just read — no search, no tree (the group boundaries of Kim, Hill and
 * Wood, "Implementing stack simulation for highly-associative memories", SIGMETRICS 1991, kept
 * on slot numbers rather than on list nodes, whose places in memory are random). Zipf-like
 * streams hit mostly in the shallow regions, so an access costs a few touches of memory.
 *
 * Slots are renumbered densely when they run out, so memory follows the number of live keys,
 * never the length of the input. Written here rather than taken from npm: the packages found
 * are LRU caches of one size; the regions and their boundaries are the whole point.
 */

/** What `access` returns for a key that was not in the stack. */
export const ABSENT = -1

const WORD_BITS = 5
const WORD = 1 << WORD_BITS
const NONE = -1

/** One past the lowest live slot at or above `from` (there is one: the top is live). */
function nextLiveAfter(liveBits: Int32Array, from: number): number {
  let index = from >>> WORD_BITS
  let word = liveBits[index] & (-1 << (from & (WORD - 1)))
  while (word === 0) word = liveBits[++index]
  return (index << WORD_BITS) + 32 - Math.clz32(word & -word)
}

export interface BucketedStackOptions {
  /** Keys are whole numbers below it (direct indexing, fastest); null for any keys, in memory that follows the live keys. */
  keyCount: number | null
  /** Weigh keys by the weight given to `access` (bytes); false counts every key as 1 (items). */
  weighted: boolean
}

export class BucketedLruStack {
  /** The grid's sizes as given, and as used (scaled by a sampling rate, see `scaleLimits`). */
  private readonly baseLimits: Float64Array
  private readonly limits: Float64Array
  /** The deepest region, beyond every limit. */
  private readonly deepest: number
  /** Per region: summed weight and keys. */
  private readonly load: Float64Array
  private readonly count: Int32Array
  /** Region j is the live slots in [bound[j], bound[j-1]) (bound[-1]: the top); never increasing in j. */
  private readonly bound: Int32Array
  private live = 0
  /** How many regions from the top are full (live > limits[j]); limits ascend, so they lead. */
  private fullRegions = 0
  private capacity: number
  private nextSlot = 0
  private liveBits: Int32Array
  /** Int32 when keys index a known range (half the memory written per access), else any numbers. */
  private slotKeys: Int32Array | Float64Array
  private slotWeights: Float64Array | null
  /** Slot + 1 of each key (0: not in the stack): a typed array over a known key range, else a Map. */
  private denseSlots: Int32Array | null
  private readonly sparseSlots: Map<number, number> | null

  constructor(limits: readonly number[], options: BucketedStackOptions) {
    this.baseLimits = Float64Array.from(limits)
    this.limits = Float64Array.from(limits)
    this.deepest = limits.length
    this.load = new Float64Array(limits.length + 1)
    this.count = new Int32Array(limits.length + 1)
    this.bound = new Int32Array(limits.length)
    this.capacity = 1024
    this.liveBits = new Int32Array(this.capacity / WORD)
    this.slotWeights = options.weighted ? new Float64Array(this.capacity) : null
    this.denseSlots = options.keyCount === null ? null : new Int32Array(options.keyCount)
    this.sparseSlots = options.keyCount === null ? new Map() : null
    this.slotKeys = this.newSlotKeys(this.capacity)
  }

  /** Keys in the stack. */
  get size(): number {
    return this.live
  }

  /** Over a known key range: widens it to keys below `keyCount` (ids handed out as they come, SHARDS's sampled keys). */
  reserveKeys(keyCount: number): void {
    if (this.denseSlots !== null && keyCount > this.denseSlots.length) this.denseSlots = grownInt32(this.denseSlots, keyCount, 0)
  }

  /** Memory held, in slots: at most 4 × the most keys live at once (plus 1,024), never following the stream's length. */
  get slotCapacity(): number {
    return this.capacity
  }

  /**
   * Moves `key` to the top with `weight` as its new weight; returns the region it stood in —
   * the index of the first limit its depth did not exceed, `limits.length` when deeper than
   * all — or ABSENT.
   */
  access(key: number, weight = 1): number {
    if (this.slotWeights === null) return this.accessUnweighted(key)
    const slot = this.slotOf(key)
    let region = ABSENT
    let delta = weight
    if (slot !== NONE) {
      region = this.regionOf(slot)
      delta -= this.weightOf(slot)
      this.vacate(slot, region)
    } else this.live++
    this.pushTop(key, weight)
    // Depths above the old place grew by the key's weight; below it, by the change of weight.
    this.settle(delta === 0 && region !== ABSENT ? region : this.deepest, delta < 0)
    return region
  }

  /**
   * `access` for keys that weigh 1, where region j is full (holds limits[j] keys through it)
   * whenever any key stands below it: the key goes to the top and each full region above its old
   * place passes its deepest key to the next, so a region's count changes only where a new key
   * ends up (the first region not full). No depth sums, no loads: a boundary move is a scan of
   * the bitmap and one store, which is most of the exact curve's time. The regions above a key
   * found in the stack are all full, so finding its region and moving the boundaries above it
   * is one walk down the boundaries, with no limit to compare.
   */
  private accessUnweighted(key: number): number {
    const slot = this.slotOf(key)
    const top = this.nextSlot++
    const {bound, liveBits} = this
    liveBits[top >>> WORD_BITS] |= 1 << (top & (WORD - 1))
    this.slotKeys[top] = key
    this.setSlot(key, top)
    let region = ABSENT
    if (slot !== NONE) {
      liveBits[slot >>> WORD_BITS] &= ~(1 << (slot & (WORD - 1)))
      const deepest = this.deepest
      let j = 0
      for (; j < deepest && slot < bound[j]; j++) bound[j] = nextLiveAfter(liveBits, bound[j])
      region = j
    } else {
      this.live++
      while (this.fullRegions < this.deepest && this.live > this.limits[this.fullRegions]) this.fullRegions++
      const full = this.fullRegions
      for (let j = 0; j < full; j++) bound[j] = nextLiveAfter(liveBits, bound[j])
      this.count[full]++
      this.load[full]++
    }
    // Renumbered after the push rather than before: the old slot is found in the numbering it has.
    if (this.nextSlot >= this.capacity) this.renumber()
    return region
  }

  /** Takes `key` out of the stack (a delete); the keys below it rise. */
  remove(key: number): boolean {
    const slot = this.slotOf(key)
    if (slot === NONE) return false
    this.vacate(slot, this.regionOf(slot))
    this.setSlot(key, NONE)
    this.live--
    this.settle(this.deepest, true)
    this.countFullRegions()
    return true
  }

  /**
   * Limits for a stack that holds a sample of a fraction `rate` of the keys (SHARDS): a sampled
   * depth d stands for `unit + (d - unit) / rate` — the key itself counts once, the keys above
   * it are scaled — so a limit L becomes `unit + (L - unit) × rate`.
   */
  scaleLimits(rate: number, unit: number): void {
    for (let j = 0; j < this.deepest; j++) this.limits[j] = unit + (this.baseLimits[j] - unit) * rate
    this.settle(this.deepest, true)
    this.countFullRegions()
  }

  private countFullRegions(): void {
    let full = 0
    while (full < this.deepest && this.live > this.limits[full]) full++
    this.fullRegions = full
  }

  private regionOf(slot: number): number {
    const bound = this.bound
    for (let j = 0; j < this.deepest; j++) if (slot >= bound[j]) return j
    return this.deepest
  }

  /**
   * Restores "region j holds the depths in (limits[j-1], limits[j]]" from the top down to
   * region `until`, beyond which nothing changed; `mayRise` when depths may have shrunk.
   */
  private settle(until: number, mayRise: boolean): void {
    const {limits, load, count, bound, deepest, liveBits, slotWeights} = this
    let depth = 0
    for (let j = 0; j < deepest; j++) {
      depth += load[j]
      // Region j's deepest key (its lowest live slot) crosses into region j + 1.
      while (depth > limits[j]) {
        const from = bound[j]
        let index = from >>> WORD_BITS
        let word = liveBits[index] & (-1 << (from & (WORD - 1)))
        while (word === 0) word = liveBits[++index]
        const slot = (index << WORD_BITS) + lowestBit(word)
        const weight = slotWeights === null ? 1 : slotWeights[slot]
        bound[j] = slot + 1
        count[j]--
        load[j] -= weight
        count[j + 1]++
        load[j + 1] += weight
        depth -= weight
      }
      while (mayRise) {
        // The first key below region j (the highest live slot under its boundary) comes up if it fits.
        const slot = this.liveAtOrBelow(bound[j] - 1)
        if (slot === NONE) break
        const weight = this.weightOf(slot)
        if (depth + weight > limits[j]) break
        const from = this.regionOf(slot)
        for (let k = j; k < from; k++) bound[k] = slot
        count[from]--
        load[from] -= weight
        count[j]++
        load[j] += weight
        depth += weight
      }
      if (j >= until) return
    }
  }

  private vacate(slot: number, region: number): void {
    this.liveBits[slot >>> WORD_BITS] &= ~(1 << (slot & (WORD - 1)))
    this.count[region]--
    this.load[region] -= this.weightOf(slot)
  }

  private pushTop(key: number, weight: number): void {
    if (this.nextSlot >= this.capacity) this.renumber()
    const slot = this.nextSlot++
    this.liveBits[slot >>> WORD_BITS] |= 1 << (slot & (WORD - 1))
    this.slotKeys[slot] = key
    if (this.slotWeights !== null) this.slotWeights[slot] = weight
    this.setSlot(key, slot)
    this.count[0]++
    this.load[0] += weight
  }

  private newSlotKeys(capacity: number): Int32Array | Float64Array {
    return this.denseSlots === null ? new Float64Array(capacity) : new Int32Array(capacity)
  }

  /** Highest live slot ≤ `from`, or NONE. */
  private liveAtOrBelow(from: number): number {
    if (from < 0) return NONE
    let index = from >>> WORD_BITS
    const bit = from & (WORD - 1)
    let word = this.liveBits[index] & (bit === WORD - 1 ? -1 : (1 << (bit + 1)) - 1)
    while (word === 0) {
      if (--index < 0) return NONE
      word = this.liveBits[index]
    }
    return (index << WORD_BITS) + 31 - Math.clz32(word)
  }

  private weightOf(slot: number): number {
    return this.slotWeights === null ? 1 : this.slotWeights[slot]
  }

  /** The key's slot, or NONE when it is not in the stack. */
  private slotOf(key: number): number {
    return (this.denseSlots === null ? (this.sparseSlots?.get(key) ?? 0) : this.denseSlots[key]) - 1
  }

  private setSlot(key: number, slot: number): void {
    if (this.denseSlots !== null) this.denseSlots[key] = slot + 1
    else if (slot === NONE) this.sparseSlots?.delete(key)
    else this.sparseSlots?.set(key, slot + 1)
  }

  /**
   * Packs the live keys into the first slots in their order, doubling the slots if over a
   * quarter are live (so renumbering stays rare); O(slots / 32 + live keys). Keys only move
   * down, so the packing is done in place unless the slots grow.
   */
  private renumber(): void {
    const grow = this.live * 4 > this.capacity
    const capacity = grow ? this.capacity * 2 : this.capacity
    const {liveBits, slotKeys, slotWeights, bound} = this
    const keys = grow ? this.newSlotKeys(capacity) : slotKeys
    const weights = slotWeights === null ? null : grow ? new Float64Array(capacity) : slotWeights
    // Boundaries never increase with j: walk them from the deepest while slots go up.
    let boundary = this.deepest - 1
    let next = 0
    const words = (this.nextSlot + WORD - 1) >>> WORD_BITS
    for (let index = 0; index < words; index++) {
      let word = liveBits[index]
      const base = index << WORD_BITS
      // A boundary's new place: the live slots before it.
      for (; boundary >= 0 && bound[boundary] < base + WORD; boundary--) {
        bound[boundary] = next + popcount(word & ((1 << (bound[boundary] - base)) - 1))
      }
      for (; word !== 0; word &= word - 1) {
        const slot = base + lowestBit(word)
        keys[next] = slotKeys[slot]
        if (weights !== null) weights[next] = (slotWeights as Float64Array)[slot]
        this.setSlot(keys[next], next)
        next++
      }
    }
    while (boundary >= 0) bound[boundary--] = next
    const bits = grow ? new Int32Array(capacity / WORD) : liveBits.fill(0)
    bits.fill(-1, 0, next >>> WORD_BITS)
    if ((next & (WORD - 1)) !== 0) bits[next >>> WORD_BITS] = (1 << (next & (WORD - 1))) - 1
    this.capacity = capacity
    this.slotKeys = keys
    this.slotWeights = weights
    this.liveBits = bits
    this.nextSlot = next
  }
}
