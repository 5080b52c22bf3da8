/**
 * Which sequence numbers (1, 2, 3, …) of one publisher on one stream a consumer group has
 * received: a growable bitset, a bit per message, so a duplicate is told from a first delivery
 * whatever order the group's consumers report them in.
 */
export class SeenSequences {
  private bits = new Uint8Array(64)
  /** Distinct sequence numbers seen. */
  distinct = 0
  highest = 0

  /** Records `sequence`; false when it was seen before (a duplicate delivery). */
  add(sequence: number): boolean {
    const byte = sequence >>> 3
    if (byte >= this.bits.length) this.grow(byte + 1)
    const mask = 1 << (sequence & 7)
    if (this.bits[byte] & mask) return false
    this.bits[byte] |= mask
    this.distinct++
    if (sequence > this.highest) this.highest = sequence
    return true
  }

  /** Sequence numbers below the highest seen that never arrived: holes the group skipped over. */
  get holes(): number {
    return this.highest - this.distinct
  }

  private grow(bytes: number): void {
    const next = new Uint8Array(Math.max(bytes, this.bits.length * 2))
    next.set(this.bits)
    this.bits = next
  }
}
