/**
 * 64-bit numeric keys (two 32-bit words) → dense ids, in an open-addressing table of typed
 * arrays with linear probing. A Map of numbers boxes every id above 2^31 and spent about half of
 * an oracleGeneral replay's time hashing; this table allocates nothing per key and keeps all 64
 * bits exact (a double would lose those above 2^53). Written here: the npm hash maps found take
 * string or number keys, which is the cost being removed.
 */
/** Words per slot (the fourth pads a slot to 16 bytes). */
const SLOT = 4

export class WordKeyTable {
  /** Per slot, side by side so that one probe touches one cache line: high word, low word, id + 1 (0 = empty). */
  private slots = new Uint32Array(SLOT * (1 << 12))
  private used = 0

  /** The id of (high, low), or `candidate` after storing it under that id when the key is new. */
  idOf(high: number, low: number, candidate: number): number {
    const slots = this.slots
    const mask = slots.length / SLOT - 1
    for (let slot = hashWords(high, low) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT
      const stored = slots[at + 2]
      if (stored === 0) {
        slots[at] = high
        slots[at + 1] = low
        slots[at + 2] = candidate + 1
        if (++this.used * 2 > mask) this.grow()
        return candidate
      }
      if (slots[at + 1] === low && slots[at] === high) return stored - 1
    }
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Uint32Array(old.length * 2)
    const mask = this.slots.length / SLOT - 1
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + 2] === 0) continue
      let slot = hashWords(old[from], old[from + 1]) & mask
      while (this.slots[slot * SLOT + 2] !== 0) slot = (slot + 1) & mask
      const to = slot * SLOT
      for (let word = 0; word < SLOT; word++) this.slots[to + word] = old[from + word]
    }
  }
}

/** murmur3's 32-bit finaliser over both words: sequential ids spread over the whole table. */
function hashWords(high: number, low: number): number {
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
