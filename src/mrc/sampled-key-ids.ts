import {spatialHash} from '../generators/spatial-sample.js'

/** What `idOf` returns for a key that has no id. */
export const NO_ID = -1

/** Table slots per key at the most: linear probing stays short below half full. */
const SLOTS_PER_KEY = 2
const MIN_SLOTS = 1024

/**
 * Dense ids 0, 1, 2, … for the keys SHARDS samples, so that its stacks index typed arrays by id
 * instead of hashing keys into a Map: memory follows the sampled keys (about the rate × the
 * distinct keys), never the key range. Ids of keys that leave (fixed-size SHARDS) are handed out
 * again, so ids stay below the most keys held at once.
 *
 * Open addressing with linear probing and backward-shift deletion (no tombstones: a probe ends
 * at the first empty slot however many keys came and went). Written here rather than taken from
 * npm: the id reuse and the key's own spatial hash as the probe start are the point, and the
 * packages found map strings or hold objects.
 */
export class SampledKeyIds {
  private keys: Float64Array
  /** Id + 1 of the key in the same slot; 0: empty. */
  private slotIds: Int32Array
  private shift: number
  private count = 0
  private nextId = 0
  private readonly freeIds: number[] = []

  /** `expectedKeys`: how many keys are likely to be held at once (the table grows past it). */
  constructor(expectedKeys: number) {
    let slots = MIN_SLOTS
    while (slots < expectedKeys * SLOTS_PER_KEY) slots *= 2
    this.keys = new Float64Array(slots)
    this.slotIds = new Int32Array(slots)
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
      if (id === NO_ID || this.keys[slot] === key) return id
    }
  }

  /** Gives `key`, which must have no id, an id given back earlier or a new one. */
  add(key: number): number {
    if ((this.count + 1) * SLOTS_PER_KEY > this.slotIds.length) this.grow()
    const id = this.freeIds.length > 0 ? (this.freeIds.pop() as number) : this.nextId++
    this.place(key, id)
    this.count++
    return id
  }

  /** Takes `key`'s id back for reuse; returns it, or NO_ID if the key had none. */
  remove(key: number): number {
    const mask = this.slotIds.length - 1
    let slot = this.home(key)
    for (; this.slotIds[slot] !== 0 && this.keys[slot] !== key; slot = (slot + 1) & mask);
    const id = this.slotIds[slot] - 1
    if (id === NO_ID) return NO_ID
    this.count--
    this.freeIds.push(id)
    // Backward shift: pull up each later key of the run whose home is not between the hole and it.
    let hole = slot
    for (let next = (hole + 1) & mask; this.slotIds[next] !== 0; next = (next + 1) & mask) {
      const home = this.home(this.keys[next])
      if (((next - home) & mask) < ((next - hole) & mask)) continue
      this.keys[hole] = this.keys[next]
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
    this.keys[slot] = key
    this.slotIds[slot] = id + 1
  }

  private grow(): void {
    const {keys, slotIds} = this
    this.keys = new Float64Array(keys.length * 2)
    this.slotIds = new Int32Array(slotIds.length * 2)
    this.shift--
    for (let slot = 0; slot < slotIds.length; slot++) if (slotIds[slot] !== 0) this.place(keys[slot], slotIds[slot] - 1)
  }
}
