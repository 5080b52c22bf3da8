import type {EvictionPolicy} from './eviction-policy.js'
import {IndexedLists} from './indexed-lists.js'
import {grownFloat64, grownInt32} from './typed-array-growth.js'

const CHAIN = 0
const NONE = -1

/**
 * Least frequently used in O(1) per operation, after Shah, Mitra & Matani, "An O(1) algorithm
 * for implementing the LFU cache eviction scheme" (2010): entries sit in frequency buckets, and
 * the non-empty buckets form a chain in increasing frequency, so the victim is the first entry
 * of the first bucket and a touch moves an entry at most one bucket along the chain.
 *
 * Within a bucket entries are kept in the order they entered it, which is the order of their
 * last access, so ties between equal counts evict the least recently used first.
 *
 * Counts never age: an entry that was hot long ago keeps its count and can outlive entries that
 * are hot now (the classic LFU pollution; Redis's LFU decays its counters, this one does not).
 * An entry that leaves the cache and comes back starts again at 1.
 */
export class LfuPolicy implements EvictionPolicy {
  /** Entries of each bucket, list number = bucket id. */
  private readonly members: IndexedLists
  /** Non-empty buckets in increasing frequency (one list over bucket ids). */
  private readonly chain: IndexedLists
  private bucketOfSlot: Int32Array
  private bucketFrequency: Float64Array
  private freeBuckets: Int32Array
  private freeBucketCount = 0
  private bucketsEverUsed = 0

  // A bucket is only allocated for an entry it will hold, so live buckets never outnumber
  // live entries and one bucket id per slot suffices.
  constructor(initialCapacity: number) {
    this.members = new IndexedLists(initialCapacity, initialCapacity)
    this.chain = new IndexedLists(initialCapacity, 1)
    this.bucketOfSlot = new Int32Array(initialCapacity).fill(NONE)
    this.bucketFrequency = new Float64Array(initialCapacity)
    this.freeBuckets = new Int32Array(initialCapacity)
  }

  inserted(slot: number): void {
    let bucket = this.chain.first(CHAIN)
    if (bucket === NONE || this.bucketFrequency[bucket] !== 1) {
      bucket = this.allocateBucket(1)
      this.chain.pushFront(CHAIN, bucket)
    }
    this.members.pushBack(bucket, slot)
    this.bucketOfSlot[slot] = bucket
  }

  touched(slot: number): void {
    const bucket = this.bucketOfSlot[slot]
    const frequency = this.bucketFrequency[bucket] + 1
    const next = this.chain.after(bucket)
    if (next !== NONE && this.bucketFrequency[next] === frequency) {
      this.moveToBucket(slot, bucket, next)
    } else if (this.members.first(bucket) === this.members.last(bucket)) {
      // Alone in its bucket and the next bucket counts higher: relabel the bucket in place.
      this.bucketFrequency[bucket] = frequency
    } else {
      const created = this.allocateBucket(frequency)
      this.chain.insertAfter(CHAIN, bucket, created)
      this.moveToBucket(slot, bucket, created)
    }
  }

  removed(slot: number): void {
    const bucket = this.bucketOfSlot[slot]
    this.members.remove(bucket, slot)
    this.bucketOfSlot[slot] = NONE
    if (this.members.isEmpty(bucket)) this.releaseBucket(bucket)
  }

  victim(): number {
    const lowest = this.chain.first(CHAIN)
    return lowest === NONE ? NONE : this.members.first(lowest)
  }

  grow(capacity: number): void {
    if (capacity <= this.bucketOfSlot.length) return
    this.members.growElements(capacity)
    this.members.growLists(capacity)
    this.chain.growElements(capacity)
    this.bucketOfSlot = grownInt32(this.bucketOfSlot, capacity, NONE)
    this.bucketFrequency = grownFloat64(this.bucketFrequency, capacity, 0)
    this.freeBuckets = grownInt32(this.freeBuckets, capacity, 0)
  }

  /** Access count of the entry in slot (for inspection and tests). */
  frequency(slot: number): number {
    return this.bucketFrequency[this.bucketOfSlot[slot]]
  }

  private moveToBucket(slot: number, from: number, to: number): void {
    this.members.remove(from, slot)
    this.members.pushBack(to, slot)
    this.bucketOfSlot[slot] = to
    if (this.members.isEmpty(from)) this.releaseBucket(from)
  }

  private allocateBucket(frequency: number): number {
    const bucket = this.freeBucketCount > 0 ? this.freeBuckets[--this.freeBucketCount] : this.bucketsEverUsed++
    this.bucketFrequency[bucket] = frequency
    return bucket
  }

  private releaseBucket(bucket: number): void {
    this.chain.remove(CHAIN, bucket)
    this.freeBuckets[this.freeBucketCount++] = bucket
  }
}
