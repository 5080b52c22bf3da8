import {grownFloat64} from '../engine/typed-array-growth.js'
import {spatialHash} from '../generators/spatial-sample.js'

/** What `idOf` returns for a key that has no id. */
export const NO_ID = -1

/** Table slots per key at the least, 3/2: linear probing stays short below two thirds full. */
const MIN_SLOTS = 1024

/**
 * Dense ids 0, 1, 2, … for the keys SHARDS samples, so that its stacks index typed arrays by id
 * instead of hashing keys into a Map: memory follows the sampled keys (about the rate × the
 * distinct keys), never the key range. Ids of keys that leave (fixed-size SHARDS) are handed out
 * again, so ids stay below the most keys held at once.
 *
 * Open addressing with linear probing and backward-shift deletion (no tombstones: a probe ends
 * at the first empty slot however many keys came and went). The table holds only ids, 4 bytes a
 * slot, and the keys sit once each in id order: small enough to stay in the processor's cache
 * beside the stacks while the stream passes through it. Written here rather than taken from
 * npm: the id reuse and the key's own spatial hash as the probe start are the point, and the
 * packages found map strings or hold objects.
 */
export class SampledKeyIds {
  /** Id + 1 of the key whose probe reaches the slot; 0: empty. */
  private slotIds: Int32Array
  /** Each id's key. */
  private idKeys: Float64Array
  private shift: number
  private count = 0
  private nextId = 0
  private readonly freeIds: number[] = []

  /** `expectedKeys`: how many keys are likely to be held at once (the table grows past it). */
  constructor(expectedKeys: number) {
    let slots = MIN_SLOTS
    while (2 * slots < 3 * expectedKeys) slots *= 2
    this.slotIds = new Int32Array(slots)
    this.idKeys = new Float64Array(Math.max(16, expectedKeys))
    this.shift = 32 - Math.log2(slots)
  }

  /** Keys holding an id. */
  get size(): number {
    return this.count
  }

  /** One past the largest id handed out so far: an array indexed by id needs this many entries. */
  get idLimit(): number {
    return this.nextId
  }

  idOf(key: number): number {
    const mask = this.slotIds.length - 1
    for (let slot = this.home(key); ; slot = (slot + 1) & mask) {
      const id = this.slotIds[slot] - 1
      if (id === NO_ID || this.idKeys[id] === key) return id
    }
  }

  /** Gives `key`, which must have no id, an id given back earlier or a new one. */
  add(key: number): number {
    if (2 * this.slotIds.length < 3 * (this.count + 1)) this.grow()
    const id = this.freeIds.length > 0 ? (this.freeIds.pop() as number) : this.nextId++
    if (id >= this.idKeys.length) this.idKeys = grownFloat64(this.idKeys, this.idKeys.length * 2, 0)
    this.idKeys[id] = key
    this.place(key, id)
    this.count++
    return id
  }

  /** Takes `key`'s id back for reuse; returns it, or NO_ID if the key had none. */
  remove(key: number): number {
    const mask = this.slotIds.length - 1
    let slot = this.home(key)
    for (; this.slotIds[slot] !== 0 && this.idKeys[this.slotIds[slot] - 1] !== key; slot = (slot + 1) & mask);
    const id = this.slotIds[slot] - 1
    if (id === NO_ID) return NO_ID
    this.count--
    this.freeIds.push(id)
    // Backward shift: pull up each later key of the run whose home is not between the hole and it.
    let hole = slot
    for (let next = (hole + 1) & mask; this.slotIds[next] !== 0; next = (next + 1) & mask) {
      const home = this.home(this.idKeys[this.slotIds[next] - 1])
      if (((next - home) & mask) < ((next - hole) & mask)) continue
      this.slotIds[hole] = this.slotIds[next]
      hole = next
    }
    this.slotIds[hole] = 0
    return id
  }

  /**
   * Where a key's probe starts: the top bits of its spatial hash mixed once more, since sampled
   * keys all have small hashes (below the rate × 2³²), so the hash's own top bits are zero.
   */
  private home(key: number): number {
    const hash = spatialHash(key)
    return Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> this.shift
  }

  private place(key: number, id: number): void {
    const mask = this.slotIds.length - 1
    let slot = this.home(key)
    while (this.slotIds[slot] !== 0) slot = (slot + 1) & mask
    this.slotIds[slot] = id + 1
  }

  private grow(): void {
    const slotIds = this.slotIds
    this.slotIds = new Int32Array(slotIds.length * 2)
    this.shift--
    for (let slot = 0; slot < slotIds.length; slot++) if (slotIds[slot] !== 0) this.place(this.idKeys[slotIds[slot] - 1], slotIds[slot] - 1)
  }
}
