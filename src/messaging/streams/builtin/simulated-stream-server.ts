import {SimulatedStream, type SimulatedEntry} from './simulated-stream.js'

/** A consumer blocked in XREADGROUP … BLOCK, woken with what a stream just received. */
export interface BlockedReader {
  readonly consumer: number
  wake(stream: number, entries: SimulatedEntry[]): void
}

/**
 * The simulated server's streams and, per group, its consumers blocked waiting for new entries.
 * As Redis serves blocked clients, the one blocked longest is woken first, with the entries of
 * the stream that grew (at most COUNT); the next one gets what is left, and so on.
 */
export class SimulatedStreamServer {
  readonly streams: SimulatedStream[]
  private readonly blocked: BlockedReader[][]

  constructor(
    streams: number,
    readonly groups: number,
    maxlen: number,
    nodeEntries: number,
    private readonly count: number,
  ) {
    this.streams = Array.from({length: streams}, () => new SimulatedStream(groups, maxlen, nodeEntries))
    this.blocked = Array.from({length: groups}, () => [])
  }

  add(stream: number, entry: Omit<SimulatedEntry, 'number'>): void {
    this.streams[stream].append(entry)
    for (let group = 0; group < this.groups; group++) {
      const queue = this.blocked[group]
      while (queue.length > 0 && this.streams[stream].waiting(group) > 0) {
        const reader = queue.shift()!
        reader.wake(stream, this.streams[stream].readNew(group, reader.consumer, this.count))
      }
    }
  }

  /** XREADGROUP … > over every stream: COUNT per stream; none at all means the reader blocks. */
  readNew(group: number, reader: BlockedReader): Array<{stream: number; entries: SimulatedEntry[]}> {
    const handed = this.streams
      .map((stream, index) => ({stream: index, entries: stream.readNew(group, reader.consumer, this.count)}))
      .filter((part) => part.entries.length > 0)
    if (handed.length === 0) this.blocked[group].push(reader)
    return handed
  }

  /** A dropped connection: its blocked read is forgotten. */
  unblock(group: number, reader: BlockedReader): void {
    const queue = this.blocked[group]
    const at = queue.indexOf(reader)
    if (at >= 0) queue.splice(at, 1)
  }
}
