/** One entry of a simulated stream; `number` counts entries ever added (1, 2, …), as Redis's IDs order them. */
export interface SimulatedEntry {
  number: number
  publisher: number
  sequence: number
  intendedMs: number
  /** The message as published, handed to receivers as it is. */
  body?: Uint8Array
}

/** A consumer group's state in one stream: its position and its pending entries list, per consumer. */
interface GroupState {
  /** Number of the last entry handed to the group (0: none). */
  position: number
  /** Pending entry number → consumer it was handed to. */
  pending: Map<number, number>
}

/**
 * A Redis stream in memory, with the semantics cache-bench measures: XADD with `MAXLEN ~`
 * trimming whole nodes only while at least `maxlen` entries stay, consumer groups handing each
 * new entry to one consumer (`>`), a pending entries list until XACK, and entries trimmed past a
 * group's position skipped, never handed out.
 */
export class SimulatedStream {
  private entries: SimulatedEntry[] = []
  private head = 0
  /** Entries in each node, oldest first; only whole nodes are trimmed. */
  private nodes: number[] = []
  private readonly groups: GroupState[]
  added = 0

  constructor(
    groups: number,
    private readonly maxlen: number,
    private readonly nodeEntries: number,
  ) {
    this.groups = Array.from({length: groups}, () => ({position: 0, pending: new Map()}))
  }

  get length(): number {
    return this.entries.length - this.head
  }

  /** Number of the oldest entry still in the stream. */
  get first(): number {
    return this.added - this.length + 1
  }

  append(entry: Omit<SimulatedEntry, 'number'>): SimulatedEntry {
    const added: SimulatedEntry = {...entry, number: ++this.added}
    this.entries.push(added)
    const last = this.nodes.length - 1
    if (last >= 0 && this.nodes[last] < this.nodeEntries) this.nodes[last]++
    else this.nodes.push(1)
    while (this.nodes.length > 0 && this.length - this.nodes[0] >= this.maxlen) this.head += this.nodes.shift()!
    if (this.head > 4096 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head)
      this.head = 0
    }
    return added
  }

  /** XREADGROUP … >: up to `count` entries after the group's position, now pending for `consumer`. */
  readNew(group: number, consumer: number, count: number): SimulatedEntry[] {
    const state = this.groups[group]
    const from = Math.max(state.position + 1, this.first)
    const to = Math.min(this.added, from + count - 1)
    const handed: SimulatedEntry[] = []
    for (let number = from; number <= to; number++) {
      handed.push(this.entries[this.head + number - this.first])
      state.pending.set(number, consumer)
    }
    if (handed.length > 0) state.position = to
    return handed
  }

  /** XREADGROUP … 0: the consumer's pending entries, each with its data, or null where it was trimmed since. */
  readPending(group: number, consumer: number): Array<{number: number; entry: SimulatedEntry | null}> {
    const mine: Array<{number: number; entry: SimulatedEntry | null}> = []
    for (const [number, owner] of this.groups[group].pending) {
      if (owner === consumer) mine.push({number, entry: number >= this.first ? this.entries[this.head + number - this.first] : null})
    }
    return mine.sort((a, b) => a.number - b.number)
  }

  /** XACK: how many of the numbers were pending. */
  ack(group: number, numbers: readonly number[]): number {
    let acked = 0
    for (const number of numbers) if (this.groups[group].pending.delete(number)) acked++
    return acked
  }

  /** Entries in the stream not yet handed to the group (XINFO GROUPS `lag` as documented: trimmed ones are gone, not waiting). */
  waiting(group: number): number {
    return this.added - Math.max(this.groups[group].position, this.first - 1)
  }

  pendingCount(group: number): number {
    return this.groups[group].pending.size
  }
}
