import type {EngineEvictionName, ModelName} from '../workload/types.js'
import type {EvictionPolicy} from './eviction-policy.js'
import {createMemoryModel, createModelPolicy} from './models/model-registry.js'
import type {MemoryModel} from './models/memory-model.js'
import {grownFloat64, grownInt32} from './typed-array-growth.js'

export interface CacheEngineOptions {
  /** null = unbounded by count. */
  maxItems: number | null
  /** null = unbounded by bytes (see the model's memory for what an entry costs). */
  capacityBytes: number | null
  eviction: EngineEvictionName
  /** ideal (exact policies) when absent; memcached and redis model a real node (models/). */
  model?: ModelName
  /** Seeds sampling policies (Redis's); 0 when absent. */
  seed?: number
  /** The run clock in ms; TTLs are measured on it. */
  now: () => number
}

/**
 * Counters since construction. `sets` and `deletes` count commands received (a rejected set
 * and a delete of an absent key included); `rejected` counts sets of an entry larger than
 * capacityBytes on its own.
 */
export interface CacheEngineCounters {
  hits: number
  misses: number
  sets: number
  deletes: number
  evictions: number
  expirations: number
  rejected: number
}

const NO_SLOT = -1
/** Outcomes of makeRoomToGrow. */
const GROWN = 1
const SELF_EVICTED = 0
const REFUSED = -1
const INITIAL_SLOTS = 1024
const INITIAL_KEY_TABLE = 1024

/**
 * The in-process store behind `builtin://`. Keys are integer ids in [0, 2^31); an entry holds
 * the origin version and commit time it was built from, its value size and an expiry time.
 *
 * Layout: a key table (Int32Array indexed by key id → slot, −1 when absent) and per-slot
 * fields in typed arrays; slots are recycled through a free stack, and every table grows by
 * doubling, up to maxItems when it is set. Recency, frequency and insertion order live in the
 * eviction policy, also in typed arrays, so reads and writes allocate nothing.
 *
 * Expiry is lazy, as in memcached: an expired entry stays until a lookup, delete or set of its
 * key finds it, or the policy picks it as a victim; each of these counts one expiration.
 */
export class CacheEngine {
  readonly counters: CacheEngineCounters = {
    hits: 0,
    misses: 0,
    sets: 0,
    deletes: 0,
    evictions: 0,
    expirations: 0,
    rejected: 0,
  }

  private readonly now: () => number
  private readonly itemLimit: number
  private readonly memory: MemoryModel
  private readonly policy: EvictionPolicy

  private slotOfKey: Int32Array
  private keyOfSlot: Int32Array
  private versions: Float64Array
  private commitTimes: Float64Array
  private sizes: Int32Array
  /** Run-clock time at which the entry expires; Infinity when it has no TTL. */
  private expiryTimes: Float64Array
  /** What the entry counts against capacityBytes; 0 for a free slot. */
  private chargedBytes: Float64Array
  private freeSlots: Int32Array
  private freeSlotCount = 0
  /** Slots at or above this index have never been used. */
  private unusedFrom = 0
  private itemCount = 0
  private bytesUsed = 0
  /**
   * Told the key of every entry that leaves by eviction or expiry — departures the application
   * never sees — so a set that was never read can be counted as wasted when it leaves.
   */
  onDeparture: ((key: number) => void) | null = null

  constructor(options: CacheEngineOptions) {
    const {maxItems, capacityBytes} = options
    if (maxItems !== null && !(Number.isInteger(maxItems) && maxItems >= 1)) {
      throw new RangeError(`maxItems must be a positive integer or null, got ${maxItems}`)
    }
    if (capacityBytes !== null && !(capacityBytes > 0)) {
      throw new RangeError(`capacityBytes must be positive or null, got ${capacityBytes}`)
    }
    this.now = options.now
    this.itemLimit = maxItems ?? Infinity
    const model = options.model ?? 'ideal'
    this.memory = createMemoryModel(model, capacityBytes)
    const slots = Math.min(this.itemLimit, INITIAL_SLOTS)
    this.policy = createModelPolicy(model, options.eviction, slots, {
      now: options.now,
      expiresAt: (slot) => this.expiryTimes[slot],
      keyOf: (slot) => this.keyOfSlot[slot],
      seed: options.seed ?? 0,
    })
    this.slotOfKey = new Int32Array(INITIAL_KEY_TABLE).fill(NO_SLOT)
    this.keyOfSlot = new Int32Array(slots)
    this.versions = new Float64Array(slots)
    this.commitTimes = new Float64Array(slots)
    this.sizes = new Int32Array(slots)
    this.expiryTimes = new Float64Array(slots)
    this.chargedBytes = new Float64Array(slots)
    this.freeSlots = new Int32Array(slots)
  }

  get items(): number {
    return this.itemCount
  }

  get bytes(): number {
    return this.bytesUsed
  }

  /** Slot of a live entry, or -1. An expired entry is removed (counted as expiration) and never returned. Counts hit/miss; touches the policy on hit. */
  lookup(key: number): number {
    const slot = this.slotFor(key)
    if (slot === NO_SLOT) {
      this.counters.misses++
      return NO_SLOT
    }
    if (this.isExpired(slot)) {
      this.expire(slot)
      this.counters.misses++
      return NO_SLOT
    }
    this.counters.hits++
    this.policy.touched(slot)
    return slot
  }

  version(slot: number): number {
    return this.versions[slot]
  }

  committedAt(slot: number): number {
    return this.commitTimes[slot]
  }

  size(slot: number): number {
    return this.sizes[slot]
  }

  /** Remaining TTL in ms of the live entry in slot (Infinity when none). */
  remainingTtl(slot: number): number {
    const expiresAt = this.expiryTimes[slot]
    return expiresAt === Infinity ? Infinity : Math.max(0, expiresAt - this.now())
  }

  /**
   * ttlMs null = no expiry; a TTL ≤ 0 stores an entry that is already expired. Overwrites in
   * place (touch). Evicts victims until it fits by count and bytes. An item larger than
   * capacityBytes on its own is not stored (counted as rejected), and any entry the key had is
   * dropped, as memcached does, so a failed set never leaves an older value readable.
   *
   * When an overwrite grows the entry and the policy's victim is that entry itself, its old
   * version is evicted and the new value enters as a fresh entry — what memcached and Redis do
   * when the key being written is the coldest one.
   */
  set(key: number, version: number, committedAt: number, size: number, ttlMs: number | null): void {
    if ((key | 0) !== key || key < 0) throw new RangeError(`key must be an integer in [0, 2^31), got ${key}`)
    if ((size | 0) !== size || size < 0) throw new RangeError(`size must be an integer in [0, 2^31), got ${size}`)
    const counters = this.counters
    counters.sets++
    const charge = this.memory.charge(key, size, ttlMs !== null)
    let slot = this.slotFor(key)
    if (!this.memory.fitsAlone(charge)) {
      counters.rejected++
      if (slot !== NO_SLOT) this.dropBeforeRejectedSet(slot)
      return
    }
    const expiresAt = ttlMs === null ? Infinity : this.now() + ttlMs
    if (slot !== NO_SLOT) {
      if (this.isExpired(slot)) {
        this.expire(slot)
      } else if (!this.memory.overwritesInPlace) {
        // memcached stores a new item and unlinks the old one (items.c do_store_item).
        this.removeSlot(slot)
      } else {
        this.policy.touched(slot)
        const room = this.makeRoomToGrow(slot, charge - this.chargedBytes[slot])
        if (room === GROWN) {
          this.write(slot, version, committedAt, size, expiresAt, charge)
          this.policy.rewritten?.(slot)
          return
        }
        if (room === REFUSED) {
          // Redis refuses the write (OOM) and keeps the value it had.
          counters.rejected++
          return
        }
      }
    }
    this.policy.incoming?.(key)
    if (!this.makeRoomForOneMore(charge)) {
      // Nothing may be evicted (Redis noeviction, or a volatile policy with no TTL key): refused.
      counters.rejected++
      return
    }
    slot = this.allocateSlot()
    this.ensureKeyTable(key)
    this.slotOfKey[key] = slot
    this.keyOfSlot[slot] = key
    this.itemCount++
    this.write(slot, version, committedAt, size, expiresAt, charge)
    this.memory.taken(charge)
    this.policy.inserted(slot, charge)
  }

  /** true when a live entry was removed. */
  delete(key: number): boolean {
    this.counters.deletes++
    const slot = this.slotFor(key)
    if (slot === NO_SLOT) return false
    const wasLive = !this.isExpired(slot)
    if (wasLive) this.removeSlot(slot)
    else this.expire(slot)
    return wasLive
  }

  /** Drops every entry, as when a node is replaced by an empty one; counts nothing. Returns how many were live. */
  clear(): number {
    let live = 0
    for (let slot = this.policy.victim(); slot >= 0; slot = this.policy.victim()) {
      if (!this.isExpired(slot)) live++
      this.removeSlot(slot)
    }
    return live
  }

  private slotFor(key: number): number {
    const table = this.slotOfKey
    return key >>> 0 === key && key < table.length ? table[key] : NO_SLOT
  }

  private isExpired(slot: number): boolean {
    const expiresAt = this.expiryTimes[slot]
    // Entries without a TTL never consult the clock.
    return expiresAt !== Infinity && this.now() >= expiresAt
  }

  private write(slot: number, version: number, committedAt: number, size: number, expiresAt: number, charge: number): void {
    this.versions[slot] = version
    this.commitTimes[slot] = committedAt
    this.sizes[slot] = size
    this.expiryTimes[slot] = expiresAt
    this.bytesUsed += charge - this.chargedBytes[slot]
    this.chargedBytes[slot] = charge
  }

  /** false when the policy may evict nothing more and there is still no room. */
  private makeRoomForOneMore(charge: number): boolean {
    while (this.itemCount >= this.itemLimit || !this.memory.hasRoom(charge, this.bytesUsed, this.itemCount)) {
      const victim = this.policy.victimFor ? this.policy.victimFor(charge) : this.policy.victim()
      if (victim < 0 && this.policy.victimFor) return false
      this.evict(victim)
    }
    return true
  }

  /** GROWN, SELF_EVICTED when the policy chose slot itself, or REFUSED when it may evict nothing. */
  private makeRoomToGrow(slot: number, growth: number): number {
    while (!this.memory.hasRoom(growth, this.bytesUsed, this.itemCount)) {
      const victim = this.policy.victimFor ? this.policy.victimFor(growth) : this.policy.victim()
      if (victim < 0 && this.policy.victimFor) return REFUSED
      this.evict(victim)
      if (victim === slot) return SELF_EVICTED
    }
    return GROWN
  }

  private evict(slot: number): void {
    if (slot < 0) throw new Error('eviction policy is empty while the cache is over its limits')
    if (this.isExpired(slot)) {
      this.expire(slot)
      return
    }
    this.counters.evictions++
    this.depart(slot)
  }

  /** A rejected set removes the key's entry without counting a delete or an eviction. */
  private dropBeforeRejectedSet(slot: number): void {
    if (this.isExpired(slot)) this.expire(slot)
    else this.removeSlot(slot)
  }

  private expire(slot: number): void {
    this.counters.expirations++
    this.depart(slot)
  }

  private depart(slot: number): void {
    const key = this.keyOfSlot[slot]
    this.removeSlot(slot)
    this.onDeparture?.(key)
  }

  /**
   * Keys of entries past their TTL that nothing has touched since: lazy expiry still holds them,
   * but no reader can see them any more. Counts nothing and removes nothing.
   */
  forEachExpired(visit: (key: number) => void): void {
    for (let slot = 0; slot < this.unusedFrom; slot++) {
      if (this.chargedBytes[slot] > 0 && this.isExpired(slot)) visit(this.keyOfSlot[slot])
    }
  }

  private removeSlot(slot: number): void {
    this.policy.removed(slot)
    this.memory.returned(this.chargedBytes[slot])
    this.slotOfKey[this.keyOfSlot[slot]] = NO_SLOT
    this.bytesUsed -= this.chargedBytes[slot]
    this.chargedBytes[slot] = 0
    this.itemCount--
    this.freeSlots[this.freeSlotCount++] = slot
  }

  private allocateSlot(): number {
    if (this.freeSlotCount > 0) return this.freeSlots[--this.freeSlotCount]
    if (this.unusedFrom === this.keyOfSlot.length) this.growSlots()
    return this.unusedFrom++
  }

  private growSlots(): void {
    // Only reached with every slot occupied and itemCount < itemLimit, so this always grows.
    const capacity = Math.min(this.keyOfSlot.length * 2, this.itemLimit)
    this.keyOfSlot = grownInt32(this.keyOfSlot, capacity, 0)
    this.versions = grownFloat64(this.versions, capacity, 0)
    this.commitTimes = grownFloat64(this.commitTimes, capacity, 0)
    this.sizes = grownInt32(this.sizes, capacity, 0)
    this.expiryTimes = grownFloat64(this.expiryTimes, capacity, 0)
    this.chargedBytes = grownFloat64(this.chargedBytes, capacity, 0)
    this.freeSlots = grownInt32(this.freeSlots, capacity, 0)
    this.policy.grow(capacity)
  }

  private ensureKeyTable(key: number): void {
    const length = this.slotOfKey.length
    if (key < length) return
    this.slotOfKey = grownInt32(this.slotOfKey, Math.max(length * 2, key + 1), NO_SLOT)
  }
}
