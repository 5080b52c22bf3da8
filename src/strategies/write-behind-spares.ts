import type {FlowBooks} from './flow.js'
import type {Flight, PendingWrite} from './write-behind-flows.js'

/** Write-behind entries whose flush took them off, handed out again for a key's next writes. */
export class SpareEntries {
  private readonly spare: PendingWrite[] = []

  /** An entry for a key's first write since its last flush took off: one write, to commit `version`. */
  take(version: number, books: FlowBooks): PendingWrite {
    const entry = this.spare.pop()
    if (entry === undefined) return {version, writes: 1, books, due: false}
    entry.version = version
    entry.writes = 1
    entry.books = books
    entry.due = false
    return entry
  }

  /** `entry` is off the pending writes and nothing refers to it any more. */
  give(entry: PendingWrite): void {
    this.spare.push(entry)
  }
}

/** Flights that have landed, handed out again for the next flush. */
export class SpareFlights {
  private readonly spare: Flight[] = []

  take(version: number): Flight {
    const flight = this.spare.pop()
    if (flight === undefined) return {version, landed: undefined}
    flight.version = version
    flight.landed = undefined
    return flight
  }

  /** `flight` has landed and is off the key's table; a delete that waited keeps its own reference to the completion. */
  give(flight: Flight): void {
    this.spare.push(flight)
  }
}
