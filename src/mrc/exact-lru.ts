import type {Workload} from '../workload/types.js'
import {LOOKUP, REMOVE, replayCacheAccesses, type CacheAccessKind, type StreamLength} from './cache-accesses.js'
import {ABSENT, BucketedLruStack} from './bucketed-lru-stack.js'
import {DepthHistogram} from './depth-histogram.js'

/** Module constants rather than the imports themselves: the hot path reads them once per request. */
const LOOKUP_KIND: CacheAccessKind = LOOKUP
const REMOVE_KIND: CacheAccessKind = REMOVE

/** Cache sizes to evaluate: in items (`maxItems`) and in bytes (`capacity`); either may be empty. */
export interface SizeGrid {
  items: number[]
  bytes: number[]
}

/** Measured reads and, for each size of the grid, how many of them hit. */
export interface HitCounts {
  reads: number
  hitsByItems: number[]
  hitsByBytes: number[]
}

/**
 * Feeds cache accesses into LRU stacks cut at the grid's sizes and counts where every measured
 * lookup was found: an LRU cache of size s hits exactly the lookups found at depth ≤ s (LRU is a
 * stack algorithm — Mattson, Gecsei, Slutz and Traiger, 1970), so one pass gives every size at
 * once. One stack per unit (items, bytes) that the grid asks for.
 */
export class LruDepthCounter {
  reads = 0
  readonly byItems: DepthHistogram
  readonly byBytes: DepthHistogram
  readonly itemStack: BucketedLruStack | null
  readonly byteStack: BucketedLruStack | null

  /** `keyCount`: keys are whole numbers below it (faster); null for any keys. */
  constructor(grid: SizeGrid, keyCount: number | null) {
    this.byItems = new DepthHistogram(grid.items)
    this.byBytes = new DepthHistogram(grid.bytes)
    this.itemStack = grid.items.length > 0 ? new BucketedLruStack(grid.items, {keyCount, weighted: false}) : null
    this.byteStack = grid.bytes.length > 0 ? new BucketedLruStack(grid.bytes, {keyCount, weighted: true}) : null
  }

  /** One access; `weight` is how many accesses of the whole stream it stands for (1 unless sampled). */
  visit(kind: CacheAccessKind, key: number, bytes: number, measured: boolean, weight = 1): void {
    if (kind === REMOVE_KIND) {
      this.remove(key)
      return
    }
    const itemRegion = this.itemStack === null ? ABSENT : this.itemStack.access(key)
    const byteRegion = this.byteStack === null ? ABSENT : this.byteStack.access(key, bytes)
    if (kind !== LOOKUP_KIND || !measured) return
    this.reads += weight
    if (this.itemStack !== null) this.byItems.record(itemRegion, weight)
    if (this.byteStack !== null) this.byBytes.record(byteRegion, weight)
  }

  /**
   * A stream of measured lookups held in an array, as `ShardsSampler.visitLookups` takes it:
   * `visit` on each. By items alone no key's bytes are asked for, and the reads are counted
   * once for the stream.
   */
  visitLookups(keys: ArrayLike<number>, bytesOf: (key: number) => number): void {
    const stack = this.itemStack
    if (this.byteStack !== null || stack === null) {
      for (let i = 0; i < keys.length; i++) this.visit(LOOKUP_KIND, keys[i], bytesOf(keys[i]), true)
      return
    }
    const histogram = this.byItems
    for (let i = 0; i < keys.length; i++) histogram.record(stack.access(keys[i]))
    this.reads += keys.length
  }

  /**
   * Measured lookups of keys held in an array, each standing for `weight` lookups of the whole
   * stream (SHARDS's sampled keys, as dense ids): `visit` on each, for a grid by items alone.
   */
  visitWeightedItemLookups(keys: ArrayLike<number>, weight: number): void {
    const stack = this.itemStack as BucketedLruStack
    const histogram = this.byItems
    let reads = this.reads
    for (let i = 0; i < keys.length; i++) {
      histogram.record(stack.access(keys[i]), weight)
      reads += weight
    }
    this.reads = reads
  }

  remove(key: number): void {
    this.itemStack?.remove(key)
    this.byteStack?.remove(key)
  }

  /** Keys may now go up to `keyCount` (a known range that grows: SHARDS's ids). */
  reserveKeys(keyCount: number): void {
    this.itemStack?.reserveKeys(keyCount)
    this.byteStack?.reserveKeys(keyCount)
  }

  /** SHARDS: the stacks hold a fraction `rate` of the keys; sizes scale to match (items count the key itself once). */
  scaleLimits(rate: number): void {
    this.itemStack?.scaleLimits(rate, 1)
    this.byteStack?.scaleLimits(rate, 0)
  }

  counts(): HitCounts {
    return {reads: this.reads, hitsByItems: this.byItems.cumulative(), hitsByBytes: this.byBytes.cumulative()}
  }
}

/** Exact LRU hit counts at every size of `grid`, in one pass over the workload's stream: O(N × regions crossed). */
export function exactLruCounts(workload: Workload, length: StreamLength, grid: SizeGrid): HitCounts {
  const counter = new LruDepthCounter(grid, workload.keyspace.count)
  replayCacheAccesses(workload, length, (kind, key, bytes, measured) => counter.visit(kind, key, bytes, measured))
  return counter.counts()
}
