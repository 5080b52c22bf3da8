import {grownFloat64, grownInt32, grownLength} from '../engine/typed-array-growth.js'

const NONE = -1
const INITIAL_RECORDS = 64

/**
 * Versions handed to operations in flight, per key: how many operations hold each, and when its
 * successor was committed (NaN: not yet). Records live in typed arrays chained per key, with a
 * free list, so pinning and unpinning — once per origin query on the simulation's hot path —
 * allocate nothing (a Map of Maps with an object per pin cost ~8% of a read-heavy simulation).
 * A key's chain is as long as the distinct versions of it in flight: short.
 */
export class PinTable {
  /** First record of each key's chain, NONE when the key has no pins. */
  private heads: Int32Array
  private versions: Float64Array = new Float64Array(INITIAL_RECORDS)
  private counts: Int32Array = new Int32Array(INITIAL_RECORDS)
  private nexts: Float64Array = new Float64Array(INITIAL_RECORDS)
  /** Next record in the key's chain, or in the free list. */
  private links: Int32Array = new Int32Array(INITIAL_RECORDS).fill(NONE)
  private free = NONE
  private used = 0
  /** Distinct (key, version) pairs held. */
  size = 0

  constructor(keyCount: number) {
    this.heads = new Int32Array(keyCount).fill(NONE)
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    if (count > this.heads.length) this.heads = grownInt32(this.heads, grownLength(this.heads.length, count), NONE)
  }

  /** The record of `version` of `key`, or NONE. */
  find(key: number, version: number): number {
    for (let record = this.heads[key]; record !== NONE; record = this.links[record]) {
      if (this.versions[record] === version) return record
    }
    return NONE
  }

  /** Successor's commit time of a pinned version; undefined when the version is not pinned. */
  nextOf(key: number, version: number): number | undefined {
    const record = this.heads[key] === NONE ? NONE : this.find(key, version)
    return record === NONE ? undefined : this.nexts[record]
  }

  /** A commit made `version` old at `time`: its pin, if any, learns its successor's time. */
  committedAfter(key: number, version: number, time: number): void {
    if (this.heads[key] === NONE) return
    const record = this.find(key, version)
    if (record !== NONE) this.nexts[record] = time
  }

  /** One more holder of the version; `next` is its successor's commit time (NaN: none yet), kept when it is the first. */
  pin(key: number, version: number, next: number): void {
    const found = this.heads[key] === NONE ? NONE : this.find(key, version)
    if (found !== NONE) {
      this.counts[found]++
      return
    }
    const record = this.allocate()
    this.versions[record] = version
    this.counts[record] = 1
    this.nexts[record] = next
    this.links[record] = this.heads[key]
    this.heads[key] = record
    this.size++
  }

  unpin(key: number, version: number): void {
    let previous = NONE
    let record = this.heads[key]
    while (record !== NONE && this.versions[record] !== version) {
      previous = record
      record = this.links[record]
    }
    if (record === NONE || --this.counts[record] > 0) return
    if (previous === NONE) this.heads[key] = this.links[record]
    else this.links[previous] = this.links[record]
    this.links[record] = this.free
    this.free = record
    this.size--
  }

  private allocate(): number {
    if (this.free !== NONE) {
      const record = this.free
      this.free = this.links[record]
      return record
    }
    if (this.used === this.versions.length) {
      const length = this.versions.length * 2
      this.versions = grownFloat64(this.versions, length, 0)
      this.counts = grownInt32(this.counts, length, 0)
      this.nexts = grownFloat64(this.nexts, length, 0)
      this.links = grownInt32(this.links, length, NONE)
    }
    return this.used++
  }
}
