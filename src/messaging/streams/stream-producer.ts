import type {RedisClient} from '../../targets/redis/command-channel.js'
import {messageFields} from './stream-fields.js'

/**
 * One publisher: `XADD key MAXLEN ~ maxlen * …` on its own connection, numbering its messages
 * per stream. `~` lets Redis trim only whole radix-tree nodes (stream-node-max-entries, 100 by
 * default), so a stream holds at least `maxlen` entries and a little more: cheaper than exact.
 */
export class StreamProducer {
  private readonly sequences = new Map<string, number>()
  published = 0
  failed = 0

  constructor(
    private readonly client: RedisClient,
    readonly publisher: number,
    private readonly maxlen: number,
  ) {}

  /** Resolves to the entry's ID; a failed XADD rejects (its number is not reused, and may leave a hole). */
  async publish(key: string, intendedMs: number, body: Buffer | string): Promise<string> {
    const sequence = (this.sequences.get(key) ?? 0) + 1
    this.sequences.set(key, sequence)
    const fields = messageFields({publisher: this.publisher, sequence, intendedMs, body})
    try {
      const id = (await this.client.call('XADD', key, 'MAXLEN', '~', String(this.maxlen), '*', ...fields)) as string
      this.published++
      return id
    } catch (error) {
      this.failed++
      throw error
    }
  }

  close(): void {
    this.client.disconnect()
  }

  /** Messages this publisher has numbered on `key` so far. */
  sequenceOn(key: string): number {
    return this.sequences.get(key) ?? 0
  }
}
