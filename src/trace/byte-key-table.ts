/**
 * Text keys, as the bytes they are in the trace, → dense ids: an open-addressing table whose
 * keys live in one growing byte arena. Interning from bytes spares the string per record (a
 * decoded line, its split fields, and a copy of each new key) that a Map of strings needs; it
 * is what lets a CSV trace replay near the speed of a binary one. Written here: the npm hash
 * maps found key on strings.
 */
/** Per slot, side by side so that one probe touches one cache line. */
const SLOT = 4
const ID = 0
const HASH = 1
const START = 2
const LENGTH = 3

export class ByteKeyTable {
  /** Per slot: id + 1 (0 = empty), hash, start in the arena, length. */
  private slots = new Int32Array(SLOT * (1 << 12))
  private arena = new Uint8Array(1 << 16)
  private arenaUsed = 0
  private used = 0

  /** The id of the key in bytes[start, end), or `candidate` after storing it under that id when the key is new. */
  idOf(bytes: Uint8Array, start: number, end: number, candidate: number): number {
    const hash = hashBytes(bytes, start, end)
    const length = end - start
    const slots = this.slots
    const mask = slots.length / SLOT - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT
      const stored = slots[at + ID]
      if (stored === 0) {
        this.store(at, hash, bytes, start, length, candidate)
        return candidate
      }
      if (slots[at + HASH] === hash && slots[at + LENGTH] === length && this.sameBytes(slots[at + START], bytes, start, length)) return stored - 1
    }
  }

  private sameBytes(at: number, bytes: Uint8Array, start: number, length: number): boolean {
    const arena = this.arena
    for (let i = 0; i < length; i++) if (arena[at + i] !== bytes[start + i]) return false
    return true
  }

  private store(at: number, hash: number, bytes: Uint8Array, start: number, length: number, id: number): void {
    if (this.arenaUsed + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length))
      grown.set(this.arena.subarray(0, this.arenaUsed))
      this.arena = grown
    }
    const arena = this.arena
    for (let i = 0; i < length; i++) arena[this.arenaUsed + i] = bytes[start + i]
    const slots = this.slots
    slots[at + ID] = id + 1
    slots[at + HASH] = hash
    slots[at + START] = this.arenaUsed
    slots[at + LENGTH] = length
    this.arenaUsed += length
    if (++this.used * 2 > slots.length / SLOT) this.grow()
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Int32Array(old.length * 2)
    const mask = this.slots.length / SLOT - 1
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + ID] === 0) continue
      let slot = old[from + HASH] & mask
      while (this.slots[slot * SLOT + ID] !== 0) slot = (slot + 1) & mask
      const to = slot * SLOT
      for (let word = 0; word < SLOT; word++) this.slots[to + word] = old[from + word]
    }
  }
}

/** FNV-1a 32 over the bytes, then murmur3's finaliser so that the low bits (the slot) mix well. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  return h ^ (h >>> 13)
}
