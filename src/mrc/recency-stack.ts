/**
 * An LRU stack that answers "how far down is this key?" in O(log M): Mattson et al.'s stack
 * distance, computed with two Fenwick trees over access slots (one counting live keys, one
 * summing their bytes). A key occupies the slot of its last access; the keys above it are
 * those in later slots. Slots are renumbered densely when they run out, so memory follows the
 * number of live keys, never the length of the input.
 *
 * Written here rather than taken from npm: the packages found keep a plain Fenwick tree over a
 * fixed length, and the renumbering and byte sums are the part that matters.
 */
export const COLD = -1

/** Where a key stands when it is accessed again: its depth counted in keys and in bytes, itself included. */
export interface StackDepth {
  items: number
  bytes: number
  /** The key's own bytes, part of `bytes`. */
  ownBytes: number
}

export class RecencyStack {
  /** Live keys and the sum of their bytes. */
  private live = 0
  private totalBytes = 0
  private capacity: number
  private nextSlot = 1
  private counts: Int32Array
  private sums: Float64Array
  /** Key in each slot, or COLD; bytes of that key. */
  private slotKeys: Float64Array
  private slotBytes: Float64Array
  /** Slot of each key (0 = not in the stack): a typed array over a known key range, else a Map. */
  private readonly denseSlots: Int32Array | null
  private readonly sparseSlots = new Map<number, number>()
  /** Depth of the last key passed to access(); COLD when it was not in the stack. */
  readonly depth: StackDepth = {items: COLD, bytes: COLD, ownBytes: 0}

  /** `keyCount`: keys are whole numbers below it (faster); null for any keys, in memory that follows the live keys. */
  constructor(keyCount: number | null = null, initialCapacity = 1024) {
    this.denseSlots = keyCount === null ? null : new Int32Array(keyCount)
    this.capacity = Math.max(16, initialCapacity)
    this.counts = new Int32Array(this.capacity + 1)
    this.sums = new Float64Array(this.capacity + 1)
    this.slotKeys = new Float64Array(this.capacity + 1).fill(COLD)
    this.slotBytes = new Float64Array(this.capacity + 1)
  }

  get size(): number {
    return this.live
  }

  /** Moves `key` to the top with `bytes` as its new size; sets `depth` to where it stood before (COLD if absent). */
  access(key: number, bytes: number): StackDepth {
    const slot = this.slotOf(key)
    if (slot === 0) {
      this.depth.items = COLD
      this.depth.bytes = COLD
    } else {
      this.depth.items = this.live - this.prefixCount(slot - 1)
      this.depth.bytes = this.totalBytes - this.prefixBytes(slot - 1)
      this.depth.ownBytes = this.slotBytes[slot]
      this.clear(slot)
    }
    this.push(key, bytes)
    return this.depth
  }

  /** Takes `key` out of the stack (a delete); true if it was there. */
  remove(key: number): boolean {
    const slot = this.slotOf(key)
    if (slot === 0) return false
    this.clear(slot)
    this.setSlot(key, 0)
    return true
  }

  has(key: number): boolean {
    return this.slotOf(key) !== 0
  }

  private slotOf(key: number): number {
    return this.denseSlots === null ? (this.sparseSlots.get(key) ?? 0) : this.denseSlots[key]
  }

  private setSlot(key: number, slot: number): void {
    if (this.denseSlots !== null) this.denseSlots[key] = slot
    else if (slot === 0) this.sparseSlots.delete(key)
    else this.sparseSlots.set(key, slot)
  }

  private push(key: number, bytes: number): void {
    if (this.nextSlot > this.capacity) this.renumber()
    const slot = this.nextSlot++
    this.setSlot(key, slot)
    this.slotKeys[slot] = key
    this.slotBytes[slot] = bytes
    this.live++
    this.totalBytes += bytes
    this.add(slot, 1, bytes)
  }

  private clear(slot: number): void {
    const bytes = this.slotBytes[slot]
    this.slotKeys[slot] = COLD
    this.live--
    this.totalBytes -= bytes
    this.add(slot, -1, -bytes)
  }

  private add(slot: number, count: number, bytes: number): void {
    const counts = this.counts
    const sums = this.sums
    for (let i = slot; i <= this.capacity; i += i & -i) {
      counts[i] += count
      sums[i] += bytes
    }
  }

  private prefixCount(slot: number): number {
    let total = 0
    for (let i = slot; i > 0; i -= i & -i) total += this.counts[i]
    return total
  }

  private prefixBytes(slot: number): number {
    let total = 0
    for (let i = slot; i > 0; i -= i & -i) total += this.sums[i]
    return total
  }

  /** Packs the live keys into slots 1..live in their order, doubling the slots if over half are live; O(slots). */
  private renumber(): void {
    const capacity = this.live * 2 > this.capacity ? this.capacity * 2 : this.capacity
    const keys = new Float64Array(capacity + 1).fill(COLD)
    const bytes = new Float64Array(capacity + 1)
    let next = 1
    for (let slot = 1; slot < this.nextSlot; slot++) {
      const key = this.slotKeys[slot]
      if (key === COLD) continue
      keys[next] = key
      bytes[next] = this.slotBytes[slot]
      this.setSlot(key, next)
      next++
    }
    this.capacity = capacity
    this.slotKeys = keys
    this.slotBytes = bytes
    this.nextSlot = next
    // Linear-time Fenwick construction: each node passes its sum on to its parent.
    const counts = new Int32Array(capacity + 1)
    const sums = new Float64Array(capacity + 1)
    for (let i = 1; i < next; i++) {
      counts[i] += 1
      sums[i] += bytes[i]
      const parent = i + (i & -i)
      if (parent <= capacity) {
        counts[parent] += counts[i]
        sums[parent] += sums[i]
      }
    }
    for (let i = next; i <= capacity; i++) {
      const parent = i + (i & -i)
      if (parent <= capacity) {
        counts[parent] += counts[i]
        sums[parent] += sums[i]
      }
    }
    this.counts = counts
    this.sums = sums
  }
}
