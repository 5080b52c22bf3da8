import {grownInt32} from '../engine/typed-array-growth.js'
import {popcount} from './bit-words.js'

/**
 * An LRU stack that answers "how far down is this key?" in O(log M): Mattson et al.'s stack
 * distance over access slots. A key occupies the slot of its last access; the keys above it are
 * the live slots after its own. Slots are grouped 32 to a block: a bitmap per block says which
 * slots are live, and a Fenwick tree over the blocks counts live slots (and sums their bytes)
 * before a block — small enough to stay in the processor's cache, which is where the speed
 * comes from. Slots are renumbered densely when they run out, so memory follows the number of
 * live keys, never the length of the input.
 *
 * Written here rather than taken from npm: the packages found keep a plain Fenwick tree over a
 * fixed length, and the block bitmaps, renumbering and byte sums are the part that matters.
 */
export const COLD = -1

/** Where a key stands when it is accessed again: its depth counted in keys and in bytes, itself included. */
export interface StackDepth {
  items: number
  bytes: number
  /** The key's own bytes, part of `bytes`. */
  ownBytes: number
}

const BLOCK_BITS = 5
const BLOCK = 1 << BLOCK_BITS

export class RecencyStack {
  private live = 0
  private totalBytes = 0
  /** Slots, a multiple of BLOCK. */
  private capacity: number
  private nextSlot = 0
  private liveBits: Uint32Array
  /** Fenwick trees over blocks (1-based): live slots, and their bytes. */
  private blockCounts: Int32Array
  private blockBytes: Float64Array
  private slotKeys: Float64Array
  private slotBytes: Float64Array
  /**
   * The block new slots go to. It joins the Fenwick trees only when writing moves past it, so
   * most pushes and the removals of fresh keys cost O(1); its bytes are summed here meanwhile.
   */
  private writeBlock = 0
  private writeBlockBytes = 0
  /**
   * Slot + 1 of each key (0 = not in the stack): a typed array over a known key range, or one
   * that grows with the largest key seen (dense ids of unknown count), else a Map.
   */
  private denseSlots: Int32Array | null
  private readonly sparseSlots = new Map<number, number>()
  /** Depth of the last key passed to access(); COLD when it was not in the stack. */
  readonly depth: StackDepth = {items: COLD, bytes: COLD, ownBytes: 0}

  /**
   * `keyCount`: keys are whole numbers below it (faster); 'dense' for whole numbers from 0 of
   * unknown count (interned ids: the slots grow with the largest key); null for any keys, in
   * memory that follows the live keys. `trackBytes`: also sum bytes (depth.bytes stays 0 otherwise).
   */
  constructor(
    keyCount: number | 'dense' | null = null,
    private readonly trackBytes = true,
    initialCapacity = 1024,
  ) {
    this.denseSlots = keyCount === null ? null : new Int32Array(keyCount === 'dense' ? 1024 : keyCount)
    this.capacity = Math.max(BLOCK, Math.ceil(initialCapacity / BLOCK) * BLOCK)
    const blocks = this.capacity / BLOCK
    this.liveBits = new Uint32Array(blocks)
    this.blockCounts = new Int32Array(blocks + 1)
    this.blockBytes = new Float64Array(trackBytes ? blocks + 1 : 0)
    this.slotKeys = new Float64Array(this.capacity)
    this.slotBytes = new Float64Array(this.capacity)
  }

  get size(): number {
    return this.live
  }

  /** Moves `key` to the top with `bytes` as its new size; sets `depth` to where it stood before (COLD if absent). */
  access(key: number, bytes: number): StackDepth {
    const slot = this.slotOf(key) - 1
    if (slot < 0) {
      this.depth.items = COLD
      this.depth.bytes = COLD
    } else {
      const block = slot >>> BLOCK_BITS
      const below = ((1 << (slot & (BLOCK - 1))) - 1) >>> 0
      this.depth.items = this.live - this.countBefore(block) - popcount(this.liveBits[block] & below)
      if (this.trackBytes) {
        this.depth.bytes = this.totalBytes - this.bytesBefore(block) - this.liveBytesInBlock(block, slot)
        this.depth.ownBytes = this.slotBytes[slot]
      }
      this.clear(slot)
    }
    this.push(key, bytes)
    return this.depth
  }

  /** Takes `key` out of the stack (a delete); true if it was there. */
  remove(key: number): boolean {
    const slot = this.slotOf(key) - 1
    if (slot < 0) return false
    this.clear(slot)
    this.setSlot(key, 0)
    return true
  }

  has(key: number): boolean {
    return this.slotOf(key) !== 0
  }

  private slotOf(key: number): number {
    // Past the end of a growing array reads undefined: a key not yet seen.
    return this.denseSlots === null ? (this.sparseSlots.get(key) ?? 0) : (this.denseSlots[key] ?? 0)
  }

  private setSlot(key: number, slotPlusOne: number): void {
    if (this.denseSlots !== null) {
      if (key >= this.denseSlots.length) this.denseSlots = grownInt32(this.denseSlots, Math.max(key + 1, this.denseSlots.length * 2), 0)
      this.denseSlots[key] = slotPlusOne
    }
    else if (slotPlusOne === 0) this.sparseSlots.delete(key)
    else this.sparseSlots.set(key, slotPlusOne)
  }

  private push(key: number, bytes: number): void {
    if (this.nextSlot >= this.capacity) this.renumber()
    const slot = this.nextSlot++
    this.setSlot(key, slot + 1)
    this.slotKeys[slot] = key
    this.slotBytes[slot] = bytes
    const block = slot >>> BLOCK_BITS
    if (block !== this.writeBlock) {
      this.addToBlock(this.writeBlock, popcount(this.liveBits[this.writeBlock]), this.writeBlockBytes)
      this.writeBlock = block
      this.writeBlockBytes = 0
    }
    this.liveBits[block] |= 1 << (slot & (BLOCK - 1))
    this.writeBlockBytes += bytes
    this.live++
    this.totalBytes += bytes
  }

  private clear(slot: number): void {
    const bytes = this.slotBytes[slot]
    const block = slot >>> BLOCK_BITS
    this.liveBits[block] &= ~(1 << (slot & (BLOCK - 1)))
    this.live--
    this.totalBytes -= bytes
    if (block === this.writeBlock) this.writeBlockBytes -= bytes
    else this.addToBlock(block, -1, -bytes)
  }

  private addToBlock(block: number, count: number, bytes: number): void {
    const counts = this.blockCounts
    const size = counts.length - 1
    if (this.trackBytes) {
      const sums = this.blockBytes
      for (let i = block + 1; i <= size; i += i & -i) {
        counts[i] += count
        sums[i] += bytes
      }
    } else {
      for (let i = block + 1; i <= size; i += i & -i) counts[i] += count
    }
  }

  /** Live slots in the blocks before `block` (at most the write block: those are all in the tree). */
  private countBefore(block: number): number {
    let total = 0
    for (let i = block; i > 0; i -= i & -i) total += this.blockCounts[i]
    return total
  }

  private bytesBefore(block: number): number {
    let total = 0
    for (let i = block; i > 0; i -= i & -i) total += this.blockBytes[i]
    return total
  }

  /** Bytes of the live slots of `block` before `slot`. */
  private liveBytesInBlock(block: number, slot: number): number {
    let total = 0
    const bits = this.liveBits[block]
    for (let at = block << BLOCK_BITS; at < slot; at++) {
      if (bits & (1 << (at & (BLOCK - 1)))) total += this.slotBytes[at]
    }
    return total
  }

  /** Packs the live keys into the first slots in their order, doubling the slots if over a quarter are live (so renumbering stays rare); O(slots). */
  private renumber(): void {
    const capacity = this.live * 4 > this.capacity ? this.capacity * 2 : this.capacity
    const keys = new Float64Array(capacity)
    const bytes = new Float64Array(capacity)
    let next = 0
    for (let slot = 0; slot < this.nextSlot; slot++) {
      if (!(this.liveBits[slot >>> BLOCK_BITS] & (1 << (slot & (BLOCK - 1))))) continue
      keys[next] = this.slotKeys[slot]
      bytes[next] = this.slotBytes[slot]
      this.setSlot(keys[next], next + 1)
      next++
    }
    const blocks = capacity / BLOCK
    this.capacity = capacity
    this.slotKeys = keys
    this.slotBytes = bytes
    this.nextSlot = next
    this.liveBits = new Uint32Array(blocks)
    this.blockCounts = new Int32Array(blocks + 1)
    this.blockBytes = new Float64Array(this.trackBytes ? blocks + 1 : 0)
    this.writeBlock = next === 0 ? 0 : (next - 1) >>> BLOCK_BITS
    this.writeBlockBytes = 0
    for (let slot = 0; slot < next; slot++) {
      const block = slot >>> BLOCK_BITS
      this.liveBits[block] |= 1 << (slot & (BLOCK - 1))
      if (block === this.writeBlock) {
        this.writeBlockBytes += bytes[slot]
        continue
      }
      this.blockCounts[block + 1]++
      if (this.trackBytes) this.blockBytes[block + 1] += bytes[slot]
    }
    // Linear-time Fenwick construction: each node passes its sum on to its parent.
    for (let i = 1; i <= blocks; i++) {
      const parent = i + (i & -i)
      if (parent > blocks) continue
      this.blockCounts[parent] += this.blockCounts[i]
      if (this.trackBytes) this.blockBytes[parent] += this.blockBytes[i]
    }
  }
}
