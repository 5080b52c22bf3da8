import type {Redis} from 'ioredis'
import {type StreamEntry, readGroupEntries} from './stream-replies.js'

export interface ConsumerSpec {
  group: string
  /** Stays the same across reconnects, so the consumer finds its own pending entries again. */
  name: string
  /** Streams read in one XREADGROUP; on a cluster they must share a slot. */
  keys: readonly string[]
  count: number
  blockMs: number
}

export interface ConsumerHooks {
  /** An entry the group handed to this consumer; `fields` null: it was trimmed while pending. */
  receive(entry: StreamEntry): void
  acknowledged(count: number): void
  /** A command failed while the consumer was meant to be connected. */
  failed(error: unknown): void
}

/**
 * A consumer of a group: `XREADGROUP GROUP g c COUNT n BLOCK ms STREAMS keys… >` in a loop on a
 * connection of its own (BLOCK holds the connection), `XACK` after each batch it receives.
 * Connecting (again) first reads its own pending entries (`… 0`: delivered to it before but
 * never acknowledged, e.g. when the connection dropped with a reply in flight) and only then
 * new ones, so a reconnect resumes from the group's position and loses nothing.
 */
export class StreamConsumer {
  private client: Redis | null = null
  private loop: Promise<void> = Promise.resolve()
  private stopping = false

  constructor(
    private readonly open: () => Redis,
    readonly spec: ConsumerSpec,
    private readonly hooks: ConsumerHooks,
  ) {}

  get connected(): boolean {
    return this.client !== null
  }

  async connect(): Promise<void> {
    if (this.client) return
    const client = this.open()
    client.on('error', () => {})
    try {
      await client.connect()
    } catch (error) {
      // Left alone, the client would go on reconnecting to a server that is gone, and keep the process alive.
      client.disconnect()
      throw error
    }
    this.client = client
    this.stopping = false
    this.loop = this.run(client)
  }

  /** Drops the connection at once, as a crashed consumer: a blocked read is abandoned, nothing is acknowledged. */
  async disconnect(): Promise<void> {
    const client = this.client
    if (!client) return
    this.client = null
    client.disconnect()
    await this.loop
  }

  /** Lets the current read finish (at most `blockMs`), then closes. */
  async stop(): Promise<void> {
    this.stopping = true
    await this.loop
    await this.disconnect()
  }

  private async run(client: Redis): Promise<void> {
    const {keys} = this.spec
    // Own pending entries first, per stream from after the last one seen; then `>`.
    const cursors: Array<string | null> = keys.map(() => '0' as string | null)
    while (this.client === client && !this.stopping) {
      const history = cursors.some((cursor) => cursor !== null)
      const reading = history ? keys.filter((_, i) => cursors[i] !== null) : keys
      const from = history ? (cursors.filter((cursor) => cursor !== null) as string[]) : keys.map(() => '>')
      let entries: StreamEntry[]
      try {
        entries = await this.read(client, reading, from, history)
      } catch (error) {
        if (this.client !== client) return
        this.hooks.failed(error)
        // A read that timed out may still have run: its entries are now pending for this
        // consumer and would stay so; read the pending ones again before new ones.
        cursors.fill('0')
        await pause(Math.min(this.spec.blockMs, 100))
        continue
      }
      if (history) advanceCursors(keys, cursors, entries, this.spec.count)
      for (const entry of entries) this.hooks.receive(entry)
      if (entries.length > 0) await this.acknowledge(client, entries)
    }
  }

  private async read(client: Redis, keys: readonly string[], from: string[], history: boolean): Promise<StreamEntry[]> {
    const {group, name, count, blockMs} = this.spec
    const block = history ? [] : ['BLOCK', String(blockMs)]
    const reply = await client.callBuffer('XREADGROUP', 'GROUP', group, name, 'COUNT', String(count), ...block, 'STREAMS', ...keys, ...from)
    return readGroupEntries(reply)
  }

  private async acknowledge(client: Redis, entries: StreamEntry[]): Promise<void> {
    const byKey = new Map<string, string[]>()
    for (const entry of entries) {
      const ids = byKey.get(entry.key)
      if (ids) ids.push(entry.id)
      else byKey.set(entry.key, [entry.id])
    }
    try {
      const counts = await Promise.all([...byKey].map(([key, ids]) => client.call('XACK', key, this.spec.group, ...ids)))
      this.hooks.acknowledged(counts.reduce<number>((sum, count) => sum + Number(count), 0))
    } catch (error) {
      // Unacknowledged entries stay pending and are read again (`… 0`) after a reconnect.
      if (this.client === client) this.hooks.failed(error)
    }
  }
}

/** History pages: a stream whose page came back short has no more pending entries for this consumer. */
function advanceCursors(keys: readonly string[], cursors: Array<string | null>, entries: StreamEntry[], count: number): void {
  for (let i = 0; i < keys.length; i++) {
    if (cursors[i] === null) continue
    const mine = entries.filter((entry) => entry.key === keys[i])
    cursors[i] = mine.length < count ? null : mine[mine.length - 1].id
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
