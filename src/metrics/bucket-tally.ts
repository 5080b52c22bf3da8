/**
 * Counts recorded values per bucket of an HDR histogram with 3 significant digits and a lowest
 * discernible value of 1, in plain JavaScript, so recording stays out of WebAssembly: a call
 * into it per value was ~10% of a simulation's CPU. The tally is handed to the real histogram
 * in one call per bucket used (`drain`), which leaves that histogram with exactly the counts it
 * would have had from the values one by one.
 *
 * The bucket layout is HdrHistogram's (its documentation, "Internal structure"): 2048 sub-buckets
 * for 3 digits, the first bucket linear, each later one covering twice the range at half the
 * resolution; a value's slot is fixed by its highest set bit above the sub-bucket range.
 */
const SUB_BUCKET_HALF_COUNT_MAGNITUDE = 10
const SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE
const SUB_BUCKET_MASK = 2 * SUB_BUCKET_HALF_COUNT - 1
/** 64 − unit magnitude (0) − sub-bucket half-count magnitude − 1, as HdrHistogram defines it. */
const LEADING_ZERO_COUNT_BASE = 64 - SUB_BUCKET_HALF_COUNT_MAGNITUDE - 1
const TWO_TO_32 = 2 ** 32
const INITIAL_SLOTS = 4 * SUB_BUCKET_HALF_COUNT
const POWERS_OF_TWO = Array.from({length: 64}, (_, exponent) => 2 ** exponent)

/** The counts-array slot of a non-negative integer value below 2^53. */
export function slotOf(value: number): number {
  if (value < TWO_TO_32) {
    // Integer arithmetic on 32 bits: the common case, durations under about 4.3 s in ns.
    const bucket = LEADING_ZERO_COUNT_BASE - 32 - Math.clz32(value | SUB_BUCKET_MASK)
    return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + (value >>> bucket) - SUB_BUCKET_HALF_COUNT
  }
  const bucket = LEADING_ZERO_COUNT_BASE - Math.clz32(Math.floor(value / TWO_TO_32))
  return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + Math.floor(value / POWERS_OF_TWO[bucket]) - SUB_BUCKET_HALF_COUNT
}

/** The lowest value that falls in a slot: recording it lands in that same slot. */
export function lowestValueOf(slot: number): number {
  let bucket = (slot >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1
  let subBucket = (slot & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT
  if (bucket < 0) {
    subBucket -= SUB_BUCKET_HALF_COUNT
    bucket = 0
  }
  return subBucket * POWERS_OF_TWO[bucket]
}

/**
 * Receives a slot's count: the slot's lowest value, the count, and the slot, which is the index
 * of that value in an HDR histogram's counts array of this layout.
 */
export type SlotRecorder = (value: number, count: number, slot: number) => void

export class BucketTally {
  private counts = new Float64Array(INITIAL_SLOTS)
  /** The highest slot counted since the last drain (-1: none), so draining scans no further. */
  private highest = -1

  /** Counts one non-negative integer value: one slot increment, as it runs for every recorded duration. */
  add(value: number): void {
    const slot = slotOf(value)
    if (slot > this.highest) {
      if (slot >= this.counts.length) this.grow(slot)
      this.highest = slot
    }
    this.counts[slot]++
  }

  /**
   * Hands every count to `record` (a slot's lowest value, its count and the slot), in slot order, and starts
   * over. It scans up to the highest slot used — a few tens of thousands of slots, once per
   * report — which keeps the per-value `add` free of any bookkeeping of the slots it touched.
   */
  drain(record: SlotRecorder): void {
    const counts = this.counts
    for (let slot = 0; slot <= this.highest; slot++) {
      const count = counts[slot]
      if (count === 0) continue
      record(lowestValueOf(slot), count, slot)
      counts[slot] = 0
    }
    this.highest = -1
  }

  /**
   * As `drain`, the highest slot first. A histogram that grows to fit (hdr-histogram-js's
   * autoResize) then grows once, to its final size, instead of once for each bucket a slot
   * order reaches (a copy of its counts each time: ~7% of a phased run's CPU). Its end state is
   * the same either way: counts, total, min and max do not depend on order, and its size is set
   * by the largest value alone.
   */
  drainHighestFirst(record: SlotRecorder): void {
    const highest = this.highest
    if (highest < 0) return
    record(lowestValueOf(highest), this.counts[highest], highest)
    this.counts[highest] = 0
    this.drain(record)
  }

  /** The slots counted, lowest first, as pairs (slot, count) in one array; the tally starts over. */
  takeSlots(): Float64Array {
    const counts = this.counts
    const highest = this.highest
    let used = 0
    for (let slot = 0; slot <= highest; slot++) if (counts[slot] !== 0) used++
    const slots = new Float64Array(used * 2)
    let next = 0
    for (let slot = 0; slot <= highest; slot++) {
      const count = counts[slot]
      if (count === 0) continue
      slots[next++] = slot
      slots[next++] = count
      counts[slot] = 0
    }
    this.highest = -1
    return slots
  }

  /** Forgets every count not yet drained. */
  clear(): void {
    this.counts.fill(0, 0, this.highest + 1)
    this.highest = -1
  }

  private grow(slot: number): void {
    let length = this.counts.length
    while (length <= slot) length *= 2
    const counts = new Float64Array(length)
    counts.set(this.counts)
    this.counts = counts
  }
}
