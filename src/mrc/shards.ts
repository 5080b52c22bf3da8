import {signedSpatialHash, spatialHash, TWO_POW_32} from '../generators/spatial-sample.js'
import type {Workload} from '../workload/types.js'
import {LOOKUP, replayCacheAccesses, type CacheAccessKind, type StreamLength} from './cache-accesses.js'
import {LruDepthCounter, type HitCounts, type SizeGrid} from './exact-lru.js'
import {NO_ID, SampledKeyIds} from './sampled-key-ids.js'
import {SampledPositions} from './sampled-positions.js'

/**
 * SHARDS (Waldspurger, Park, Garthwaite and Ahmad, "Efficient MRC Construction with SHARDS",
 * FAST '15): keep only the keys whose spatial hash falls below a threshold, so a fraction R of
 * the keys — with all their accesses — is tracked, and scale depths by 1/R.
 *
 * - fixed-rate: R is constant; memory grows with R × distinct keys.
 * - fixed-size: at most `maxKeys` keys are tracked; when one more arrives, the key of largest
 *   hash leaves and R drops to that hash, so memory is bounded whatever the input's length.
 *
 * Each sampled lookup is weighted 1/R of its moment (an unbiased count of the stream's lookups),
 * and the count correction of the paper's SHARDS_adj adds the difference between the lookups
 * really measured and the weighted total to the shallowest bucket.
 */
export type ShardsMode = {kind: 'fixed-rate'; rate: number} | {kind: 'fixed-size'; rate: number; maxKeys: number}

export interface ShardsCounts extends HitCounts {
  /** The sampling rate at the end of the stream. */
  rate: number
  sampledKeys: number
  /** A rough error of the hit ratios: 1/(2√k) for k sampled keys (the binomial worst case, keys as the unit). */
  expectedError: number
}

/** A module constant rather than the import itself: the hot path reads it once per request. */
const LOOKUP_KIND: CacheAccessKind = LOOKUP
const SIGN_BIT = -0x80000000

/**
 * Tables sized from the key range up front stop here and grow past it as keys come: a short
 * stream over a huge key space would otherwise allocate for keys it never draws.
 */
const MAX_EXPECTED_KEYS = 2 ** 20

export class ShardsSampler {
  /** A key is sampled iff its spatial hash is below this (the rate × 2³²). */
  private threshold: number
  /** The same test on `signedSpatialHash`: sampled iff at most this (an int32 for every rate in (0, 1]). */
  private signedLimit: number
  private measuredLookups = 0
  /** The stacks, over the sampled keys' dense ids. */
  private readonly counter: LruDepthCounter
  /** Ids the stacks can take now; widened as ids are handed out. */
  private stackKeys: number
  private readonly ids: SampledKeyIds
  /** fixed-size: the tracked keys as a max-heap on their hash. */
  private readonly heap: MaxHashHeap | null
  /** `visitLookups`'s first pass, made on its first call. */
  private scanner: SampledPositions | null = null
  private sampledIds = new Int32Array(0)

  /**
   * `keyCount`: keys are whole numbers below it, which sizes the sampled keys' tables for about
   * rate × keyCount keys from the start (up to MAX_EXPECTED_KEYS; without it they grow as keys come).
   */
  constructor(
    private readonly mode: ShardsMode,
    grid: SizeGrid,
    keyCount: number | null = null,
  ) {
    if (!(mode.rate > 0 && mode.rate <= 1)) throw new RangeError(`the SHARDS sampling rate must be in (0, 1], got ${mode.rate}`)
    this.threshold = mode.rate * TWO_POW_32
    this.signedLimit = signedLimitOf(this.threshold)
    const expectedKeys = mode.kind === 'fixed-size' ? mode.maxKeys + 1 : keyCount === null ? 0 : Math.ceil(Math.min(mode.rate * keyCount, MAX_EXPECTED_KEYS))
    this.ids = new SampledKeyIds(expectedKeys)
    // Ids are dense, so the stacks index them directly (4 bytes an id per stack).
    this.stackKeys = Math.max(1024, expectedKeys)
    this.counter = new LruDepthCounter(grid, this.stackKeys)
    this.counter.scaleLimits(mode.rate)
    this.heap = mode.kind === 'fixed-size' ? new MaxHashHeap() : null
  }

  get rate(): number {
    return this.threshold / TWO_POW_32
  }

  /** The sampling decision comes first: an unsampled access costs a hash and a compare (and this call stays small enough to inline). */
  visit(kind: CacheAccessKind, key: number, bytes: number, measured: boolean): void {
    if (measured && kind === LOOKUP_KIND) this.measuredLookups++
    if (signedSpatialHash(key) <= this.signedLimit) this.visitSampled(kind, key, bytes, measured)
  }

  /**
   * A stream of measured lookups held in an array (a pre-drawn stream, a read-only trace): the
   * same as `visit` on each, in two passes over chunks of it. The first only tests each key's
   * hash (see SampledPositions) and keeps the positions of the sampled ones; the second feeds
   * their keys, read back from the chunk while it is still in the processor's cache, to the
   * stacks. An unsampled request thus costs its share of a vector hash and compare, with no
   * call, no table and no count kept per request.
   */
  visitLookups(keys: ArrayLike<number>, bytesOf: (key: number) => number): void {
    const scanner = (this.scanner ??= new SampledPositions())
    // Fixed-rate by items alone: a chunk's sampled keys go to the stack as ids, in one loop.
    const byIds = this.heap === null && this.counter.byteStack === null && this.counter.itemStack !== null
    for (let next = 0; next < keys.length; ) {
      // Fixed-size sampling lowers the limit as keys arrive: a chunk is scanned at the limit of its start.
      next = scanner.collect(keys, next, this.signedLimit)
      const {start, positions, count} = scanner
      if (byIds) {
        this.counter.visitWeightedItemLookups(this.idsOf(keys, start, positions, count), TWO_POW_32 / this.threshold)
        continue
      }
      for (let p = 0; p < count; p++) {
        const key = keys[start + positions[p]]
        if (signedSpatialHash(key) <= this.signedLimit) this.visitSampled(LOOKUP_KIND, key, bytesOf(key), true)
      }
    }
    this.measuredLookups += keys.length
  }

  /** Fixed-rate: the ids of the keys at `positions` past `start`, in an array of its own (reused). */
  private idsOf(keys: ArrayLike<number>, start: number, positions: Int32Array, count: number): Int32Array {
    if (this.sampledIds.length < count) this.sampledIds = new Int32Array(positions.length)
    const ids = this.sampledIds
    for (let p = 0; p < count; p++) {
      const key = keys[start + positions[p]]
      const id = this.ids.idOf(key)
      ids[p] = id === NO_ID ? this.admit(key) : id
    }
    return ids.subarray(0, count)
  }

  private visitSampled(kind: CacheAccessKind, key: number, bytes: number, measured: boolean): void {
    let id = this.ids.idOf(key)
    if (id === NO_ID) {
      id = this.admit(key)
      // Fixed-size: the key's own hash was the largest, so it left at once and the rate fell below it.
      if (id === NO_ID) return
    }
    this.counter.visit(kind, id, bytes, measured, TWO_POW_32 / this.threshold)
  }

  counts(): ShardsCounts {
    const correction = this.measuredLookups - this.counter.reads
    this.counter.byItems.addToShallowest(correction)
    this.counter.byBytes.addToShallowest(correction)
    const sampledKeys = this.heap === null ? this.stackSize() : this.ids.size
    const counts = {...this.counter.counts(), reads: this.measuredLookups}
    this.counter.byItems.addToShallowest(-correction)
    this.counter.byBytes.addToShallowest(-correction)
    return {...counts, rate: this.rate, sampledKeys, expectedError: 1 / (2 * Math.sqrt(Math.max(1, sampledKeys)))}
  }

  /** Key slots the sampler's stacks hold: bounded by the keys sampled at once, never by the stream's length. */
  get footprint(): number {
    return (this.counter.itemStack?.slotCapacity ?? 0) + (this.counter.byteStack?.slotCapacity ?? 0)
  }

  private stackSize(): number {
    return (this.counter.itemStack ?? this.counter.byteStack)?.size ?? 0
  }

  /** Gives a newly sampled key its id; fixed-size: tracks it, and if that is one key too many, lowers the rate. Returns NO_ID if the key itself left. */
  private admit(key: number): number {
    const id = this.ids.add(key)
    if (id >= this.stackKeys) {
      this.stackKeys = Math.max(id + 1, this.stackKeys * 2)
      this.counter.reserveKeys(this.stackKeys)
    }
    if (this.heap === null) return id
    const heap = this.heap
    const hash = spatialHash(key)
    heap.push(hash, key)
    const maxKeys = (this.mode as {maxKeys: number}).maxKeys
    if (this.ids.size <= maxKeys) return id
    while (this.ids.size > maxKeys) {
      const threshold = heap.topHash()
      // Every key at the new threshold leaves, so the rule "tracked iff hash < threshold" stays true.
      while (heap.size > 0 && heap.topHash() >= threshold) this.counter.remove(this.ids.remove(heap.pop()))
      this.threshold = threshold
      this.signedLimit = signedLimitOf(threshold)
    }
    this.counter.scaleLimits(this.rate)
    return hash < this.threshold ? id : NO_ID
  }
}

/** hash < threshold ⟺ signedSpatialHash ≤ this, for whole-number hashes: ⌈threshold⌉ − 1 − 2³¹. */
function signedLimitOf(threshold: number): number {
  return Math.ceil(threshold) - 1 + SIGN_BIT
}

/** Binary max-heap of (hash, key) pairs in parallel arrays. */
class MaxHashHeap {
  private hashes: number[] = []
  private keys: number[] = []

  get size(): number {
    return this.hashes.length
  }

  topHash(): number {
    return this.hashes[0]
  }

  push(hash: number, key: number): void {
    let index = this.hashes.length
    this.hashes.push(hash)
    this.keys.push(key)
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (this.hashes[parent] >= hash) break
      this.swap(index, parent)
      index = parent
    }
  }

  pop(): number {
    const key = this.keys[0]
    const lastHash = this.hashes.pop() as number
    const lastKey = this.keys.pop() as number
    if (this.hashes.length > 0) {
      this.hashes[0] = lastHash
      this.keys[0] = lastKey
      let index = 0
      for (;;) {
        const left = 2 * index + 1
        const right = left + 1
        let largest = index
        if (left < this.hashes.length && this.hashes[left] > this.hashes[largest]) largest = left
        if (right < this.hashes.length && this.hashes[right] > this.hashes[largest]) largest = right
        if (largest === index) break
        this.swap(index, largest)
        index = largest
      }
    }
    return key
  }

  private swap(a: number, b: number): void {
    ;[this.hashes[a], this.hashes[b]] = [this.hashes[b], this.hashes[a]]
    ;[this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]]
  }
}

/** SHARDS hit counts at every size of `grid`, in one pass over the workload's stream. */
export function shardsCounts(workload: Workload, length: StreamLength, grid: SizeGrid, mode: ShardsMode): ShardsCounts {
  // Drawn keys are below the key space's count; a trace's ids are taken as they come.
  const keyCount = workload.trace ? null : workload.keyspace.count
  const sampler = new ShardsSampler(mode, grid, keyCount)
  replayCacheAccesses(workload, length, (kind, key, bytes, measured) => sampler.visit(kind, key, bytes, measured))
  return sampler.counts()
}
