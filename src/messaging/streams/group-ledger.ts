import {SeenSequences} from './seen-sequences.js'

/**
 * One consumer group's account of what it received, per (stream, publisher): deliveries,
 * duplicates, and the sequence holes from which trimmed-before-read messages are counted.
 */
export class GroupLedger {
  private readonly seen = new Map<string, SeenSequences>()
  private readonly perStream = new Map<string, number>()
  delivered = 0
  duplicated = 0
  acknowledged = 0

  /** Records one receipt; false when the group had received this message before. */
  receive(key: string, publisher: number, sequence: number): boolean {
    const name = `${key}\u0000${publisher}`
    let sequences = this.seen.get(name)
    if (!sequences) {
      sequences = new SeenSequences()
      this.seen.set(name, sequences)
    }
    const first = sequences.add(sequence)
    if (first) {
      this.delivered++
      this.perStream.set(key, (this.perStream.get(key) ?? 0) + 1)
    }
    else this.duplicated++
    return first
  }

  /** Distinct messages received from stream `key`. */
  deliveredFrom(key: string): number {
    return this.perStream.get(key) ?? 0
  }

  /** Messages skipped over: published before ones the group did receive, yet never received. */
  get holes(): number {
    let holes = 0
    for (const sequences of this.seen.values()) holes += sequences.holes
    return holes
  }
}
