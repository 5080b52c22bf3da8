/**
 * Which sequence numbers of one publisher a receiver has seen: one bit each, grown as needed.
 * A Set of numbers would take ~40 bytes per entry; with every receiver remembering every message
 * it got, bits keep a million messages × 50 receivers at about 6 MB.
 */
export class SequenceBits {
  private bits = new Uint8Array(64)

  /** Marks `sequence`; true when it was already marked. */
  mark(sequence: number): boolean {
    const byte = sequence >>> 3
    if (byte >= this.bits.length) this.grow(byte)
    const mask = 1 << (sequence & 7)
    const seen = (this.bits[byte] & mask) !== 0
    this.bits[byte] |= mask
    return seen
  }

  /** Whether `sequence` is marked. */
  has(sequence: number): boolean {
    const byte = sequence >>> 3
    return byte < this.bits.length && (this.bits[byte] & (1 << (sequence & 7))) !== 0
  }

  private grow(byte: number): void {
    let length = this.bits.length
    while (length <= byte) length *= 2
    const bigger = new Uint8Array(length)
    bigger.set(this.bits)
    this.bits = bigger
  }
}
