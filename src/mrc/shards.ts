import {spatialHash, TWO_POW_32} from '../generators/spatial-sample.js'
import type {Workload} from '../workload/types.js'
import {LOOKUP, replayCacheAccesses, type CacheAccessKind, type StreamLength} from './cache-accesses.js'
import {LruDepthCounter, type HitCounts, type SizeGrid} from './exact-lru.js'
import {clearKeyBit, keyBit, rankOf, sampledKeyBits, setKeys, wordRanks} from './sampled-key-bits.js'

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
 * The spatial hash with its sign bit flipped, as a signed 32-bit integer: it orders keys as the
 * unsigned hash does, and comparing it with an integer threshold stays in 32-bit integers, where
 * the unsigned value would be compared as a double (twice the time of the whole test per request).
 */
function signedHash(key: number): number {
  return (spatialHash(key) | 0) ^ SIGN_BIT
}

export class ShardsSampler {
  /** A key is sampled iff its spatial hash is below this (the rate × 2³²). */
  private threshold: number
  /** The same test on `signedHash`: sampled iff at most this (an int32 for every rate in (0, 1]). */
  private signedLimit: number
  private measuredLookups = 0
  private readonly counter: LruDepthCounter
  /** fixed-size: the tracked keys as a max-heap on their hash. */
  private readonly heap: MaxHashHeap | null
  private readonly tracked = new Set<number>()
  /**
   * With a known key range: the keys sampled at the starting rate, one bit each, so that
   * `visitLookups` tests a request with a load rather than a hash. A superset of the keys
   * sampled now (fixed-size lowers the rate): a set bit is confirmed by the hash.
   */
  private readonly keyBits: Int32Array | null
  /**
   * Fixed-rate over a known key range: the bits never change, so a sampled key's rank among
   * them is a dense id, and the stacks index those ids directly instead of hashing keys into a
   * Map (memory: 4 bytes a sampled key of the range per stack).
   */
  private readonly ranks: Int32Array | null

  /**
   * `keyCount`: keys are whole numbers below it, and sampling tests a bit per key (1 bit a key of
   * the range) instead of hashing every request.
   */
  constructor(
    private readonly mode: ShardsMode,
    grid: SizeGrid,
    keyCount: number | null = null,
  ) {
    if (!(mode.rate > 0 && mode.rate <= 1)) throw new RangeError(`the SHARDS sampling rate must be in (0, 1], got ${mode.rate}`)
    this.threshold = mode.rate * TWO_POW_32
    this.signedLimit = signedLimitOf(this.threshold)
    this.keyBits = keyCount === null ? null : sampledKeyBits(keyCount, this.threshold)
    this.ranks = this.keyBits !== null && mode.kind === 'fixed-rate' ? wordRanks(this.keyBits) : null
    this.counter = new LruDepthCounter(grid, this.ranks === null ? null : setKeys(this.keyBits as Int32Array, this.ranks))
    this.counter.scaleLimits(mode.rate)
    this.heap = mode.kind === 'fixed-size' ? new MaxHashHeap() : null
  }

  get rate(): number {
    return this.threshold / TWO_POW_32
  }

  /** The sampling decision comes first: an unsampled access costs its bit's load, or a hash and a compare without bits (and this call stays small enough to inline). */
  visit(kind: CacheAccessKind, key: number, bytes: number, measured: boolean): void {
    if (measured && kind === LOOKUP_KIND) this.measuredLookups++
    if (this.keyBits !== null) this.visitCandidate(kind, key, bytes, measured, this.keyBits)
    else if (signedHash(key) <= this.signedLimit) this.visitSampled(kind, key, bytes, measured)
  }

  /**
   * A stream of measured lookups held in an array (a pre-drawn stream, a read-only trace): the
   * same as `visit` on each, with the lookups counted once for the run — a count kept in the
   * object and bumped per request would chain every request to the last through memory, which
   * costs more than the sampling test itself. With bits, keys must be below the key count given.
   */
  visitLookups(keys: ArrayLike<number>, bytesOf: (key: number) => number): void {
    if (this.keyBits !== null) this.visitLookupsByBits(keys, bytesOf, this.keyBits)
    else this.visitLookupsByHash(keys, bytesOf)
    this.measuredLookups += keys.length
  }

  private visitLookupsByHash(keys: ArrayLike<number>, bytesOf: (key: number) => number): void {
    let limit = this.signedLimit
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]
      if (signedHash(key) > limit) continue
      this.visitSampled(LOOKUP_KIND, key, bytesOf(key), true)
      // Fixed-size sampling lowers the threshold as keys arrive.
      limit = this.signedLimit
    }
  }

  /**
   * An unsampled request: a load of the key, a load of its bit and one branch per eight requests
   * (their bits or-ed together): at 1% most groups of eight hold no sampled key.
   */
  private visitLookupsByBits(keys: ArrayLike<number>, bytesOf: (key: number) => number, bits: Int32Array): void {
    const length = keys.length
    const whole = length - (length & 7)
    let i = 0
    for (; i < whole; i += 8) {
      const anySampled =
        keyBit(bits, keys[i]) | keyBit(bits, keys[i + 1]) | keyBit(bits, keys[i + 2]) | keyBit(bits, keys[i + 3]) |
        keyBit(bits, keys[i + 4]) | keyBit(bits, keys[i + 5]) | keyBit(bits, keys[i + 6]) | keyBit(bits, keys[i + 7])
      if ((anySampled & 1) === 0) continue
      for (let j = i; j < i + 8; j++) this.visitCandidate(LOOKUP_KIND, keys[j], bytesOf(keys[j]), true, bits)
    }
    for (; i < length; i++) this.visitCandidate(LOOKUP_KIND, keys[i], bytesOf(keys[i]), true, bits)
  }

  private visitCandidate(kind: CacheAccessKind, key: number, bytes: number, measured: boolean, bits: Int32Array): void {
    if ((keyBit(bits, key) & 1) === 0) return
    if (this.ranks !== null) this.visitSampled(kind, rankOf(bits, this.ranks, key), bytes, measured)
    else if (signedHash(key) <= this.signedLimit) this.visitSampled(kind, key, bytes, measured)
    // Fixed-size sampling lowered the rate below this key's hash since the bits were made.
    else clearKeyBit(bits, key)
  }

  private visitSampled(kind: CacheAccessKind, key: number, bytes: number, measured: boolean): void {
    if (this.heap !== null && !this.tracked.has(key)) this.track(key, spatialHash(key))
    this.counter.visit(kind, key, bytes, measured, TWO_POW_32 / this.threshold)
  }

  counts(): ShardsCounts {
    const correction = this.measuredLookups - this.counter.reads
    this.counter.byItems.addToShallowest(correction)
    this.counter.byBytes.addToShallowest(correction)
    const sampledKeys = this.heap === null ? this.stackSize() : this.tracked.size
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

  private track(key: number, hash: number): void {
    const heap = this.heap as MaxHashHeap
    heap.push(hash, key)
    this.tracked.add(key)
    const maxKeys = (this.mode as {maxKeys: number}).maxKeys
    if (this.tracked.size <= maxKeys) return
    while (this.tracked.size > maxKeys) {
      const threshold = heap.topHash()
      // Every key at the new threshold leaves, so the rule "tracked iff hash < threshold" stays true.
      while (heap.size > 0 && heap.topHash() >= threshold) {
        const evicted = heap.pop()
        this.tracked.delete(evicted)
        this.counter.remove(evicted)
      }
      this.threshold = threshold
      this.signedLimit = signedLimitOf(threshold)
    }
    this.counter.scaleLimits(this.rate)
  }
}

/** hash < threshold ⟺ signedHash ≤ this, for whole-number hashes: ⌈threshold⌉ − 1 − 2³¹. */
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

/** Key ranges up to this take sampling bits (16 MiB of bits and as much of ranks at the most); larger ones hash each access. */
const MAX_KEYS_WITH_BITS = 2 ** 27

/** SHARDS hit counts at every size of `grid`, in one pass over the workload's stream. */
export function shardsCounts(workload: Workload, length: StreamLength, grid: SizeGrid, mode: ShardsMode): ShardsCounts {
  // Drawn keys are below the key space's count; a trace's ids are taken as they come.
  const keyCount = workload.trace ? null : workload.keyspace.count
  const sampler = new ShardsSampler(mode, grid, keyCount !== null && keyCount <= MAX_KEYS_WITH_BITS ? keyCount : null)
  replayCacheAccesses(workload, length, (kind, key, bytes, measured) => sampler.visit(kind, key, bytes, measured))
  return sampler.counts()
}
