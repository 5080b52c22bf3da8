import {SequenceBits} from '../sequence-bits.js'

/**
 * Which sequence numbers (1, 2, 3, …) of one publisher on one stream a consumer group has
 * received, so a duplicate is told from a first delivery whatever order the group's consumers
 * report them in; counts what it saw, so the holes the group skipped over (trimmed before read)
 * follow from the highest sequence.
 */
export class SeenSequences {
  private readonly bits = new SequenceBits()
  /** Distinct sequence numbers seen. */
  distinct = 0
  highest = 0

  /** Records `sequence`; false when it was seen before (a duplicate delivery). */
  add(sequence: number): boolean {
    if (this.bits.mark(sequence)) return false
    this.distinct++
    if (sequence > this.highest) this.highest = sequence
    return true
  }

  /** Sequence numbers below the highest seen that never arrived: holes the group skipped over. */
  get holes(): number {
    return this.highest - this.distinct
  }
}
