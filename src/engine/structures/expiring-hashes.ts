import {grownFloat64, grownInt32, grownLength, grownUint8} from '../typed-array-growth.js'

/** What the key table holds for a key without a hash. */
const NO_SLOT = -1
const INITIAL_SLOTS = 64

/**
 * Hashes with a time to live per key, with Redis's rules: HSET keeps the time to live a hash
 * already has; a hash is gone once the clock passes its deadline (strictly after, as Redis
 * checks `now > when`), and never returned afterwards; PEXPIRE with ms ≤ 0 deletes at once.
 *
 * Expiry is lazy: an expired hash is dropped when a command touches it. Nothing sweeps, since
 * the hashes are bounded by the keyspace and every touch checks the deadline first.
 *
 * Layout, as the cache engine's: keys are ids (whole numbers ≥ 0, as the keyspace's) indexing a key table of slots;
 * each live hash has a slot, with its deadline and field count in typed arrays and its fields
 * in a map. Checking that a hash exists and counting its fields (what a simulated HGETALL
 * answers) then reads two small arrays and not the hash's objects, which a session store with
 * tens of thousands of hashes finds outside the processor's caches; and a slot freed by expiry
 * is taken by the next new hash, map included, instead of new objects per recreated session.
 */
export class ExpiringHashes<Value> {
  /** By key: the slot of its hash, NO_SLOT when it has none. */
  private slotOfKey: Int32Array = new Int32Array(0)
  /** By slot: run-clock time after which the hash is gone (Infinity without a time to live), its field count and fields. */
  private expiresAt: Float64Array = new Float64Array(INITIAL_SLOTS)
  private fieldCounts: Int32Array = new Int32Array(INITIAL_SLOTS)
  private readonly fields: Map<number, Value>[] = []
  /** By slot, 1 when its fields were handed to a reader (getShared): the next write copies them first, so what it read stays as it was. */
  private shared: Uint8Array = new Uint8Array(INITIAL_SLOTS)
  private readonly freeSlots: number[] = []
  /** Hashes found expired (each counted once, when dropped). */
  expirations = 0

  constructor(private readonly now: () => number) {}

  /** HSET of one field: true when the field is new. */
  set(key: number, field: number, value: Value): boolean {
    let slot = this.live(key)
    if (slot === NO_SLOT) slot = this.create(key)
    else if (this.shared[slot] === 1) {
      this.fields[slot] = new Map(this.fields[slot])
      this.shared[slot] = 0
    }
    const fields = this.fields[slot]
    const isNew = !fields.has(field)
    fields.set(field, value)
    if (isNew) this.fieldCounts[slot]++
    return isNew
  }

  /** HGETALL: a copy of the fields, or null when the hash does not exist. */
  getAll(key: number): Map<number, Value> | null {
    const slot = this.live(key)
    return slot === NO_SLOT ? null : new Map(this.fields[slot])
  }

  /**
   * HGETALL without a copy: the fields as they are now, which later writes do not change (the
   * next write to the hash copies them first). Reads far outnumber writes in session workloads,
   * and a copy per read was the largest cost of simulating one.
   */
  getShared(key: number): ReadonlyMap<number, Value> | null {
    const slot = this.live(key)
    if (slot === NO_SLOT) return null
    this.shared[slot] = 1
    return this.fields[slot]
  }

  /** HLEN: how many fields the hash has; null when it does not exist (HGETALL's answer without its fields). */
  fieldCount(key: number): number | null {
    const slot = this.live(key)
    return slot === NO_SLOT ? null : this.fieldCounts[slot]
  }

  /** PEXPIRE: true when the hash existed. */
  expire(key: number, ms: number): boolean {
    const slot = this.live(key)
    if (slot === NO_SLOT) return false
    if (ms <= 0) this.drop(key, slot)
    else this.expiresAt[slot] = this.now() + ms
    return true
  }

  /** Milliseconds the hash has left (PTTL): null when absent, Infinity without a time to live. */
  remainingMs(key: number): number | null {
    const slot = this.live(key)
    return slot === NO_SLOT ? null : this.expiresAt[slot] - this.now()
  }

  /** The slot of the key's hash, or NO_SLOT when it has none or it has just expired (then dropped). */
  private live(key: number): number {
    // Any other key (not an id, or past the table) has no hash.
    const slot = key >>> 0 === key && key < this.slotOfKey.length ? this.slotOfKey[key] : NO_SLOT
    if (slot !== NO_SLOT && this.now() > this.expiresAt[slot]) {
      this.drop(key, slot)
      this.expirations++
      return NO_SLOT
    }
    return slot
  }

  /** A new, empty hash without a time to live for the key, in a free slot. */
  private create(key: number): number {
    if (!(key >>> 0 === key)) throw new RangeError(`a hash key is an id, a whole number from 0 to 2^32−1 (got ${key})`)
    if (key >= this.slotOfKey.length) this.slotOfKey = grownInt32(this.slotOfKey, grownLength(this.slotOfKey.length, key + 1), NO_SLOT)
    let slot = this.freeSlots.pop()
    if (slot === undefined) {
      slot = this.fields.length
      if (slot === this.expiresAt.length) this.growSlots()
      this.fields.push(new Map())
    } else if (this.shared[slot] === 1) this.fields[slot] = new Map()
    else this.fields[slot].clear()
    this.slotOfKey[key] = slot
    this.expiresAt[slot] = Number.POSITIVE_INFINITY
    this.fieldCounts[slot] = 0
    this.shared[slot] = 0
    return slot
  }

  /** The hash is gone; its slot (and, unless a reader holds them, its fields' map) waits for the next new hash. */
  private drop(key: number, slot: number): void {
    this.slotOfKey[key] = NO_SLOT
    this.freeSlots.push(slot)
  }

  private growSlots(): void {
    const length = this.expiresAt.length * 2
    this.expiresAt = grownFloat64(this.expiresAt, length, 0)
    this.fieldCounts = grownInt32(this.fieldCounts, length, 0)
    this.shared = grownUint8(this.shared, length)
  }
}
