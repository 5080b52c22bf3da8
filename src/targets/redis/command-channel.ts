import type {Writable} from 'node:stream'
import type {Cluster, Redis} from 'ioredis'
import type {KeyBytes} from '../key-bytes.js'

export type RedisClient = Redis | Cluster

/** The three commands a run sends, on one client. */
export interface CommandChannel {
  get(key: string): Promise<Buffer | null>
  /** A GET whose reply is decoded where it is read, on the lean path: one promise per GET fewer than `get(key).then(decode)`. */
  getDecoded?<T>(key: string, decode: (reply: Buffer | null) => T): Promise<T>
  set(key: string, value: Buffer, ttlMs: number | null): Promise<unknown>
  del(key: string): Promise<unknown>
  /** The lean path's callback forms of the three (see CallbackCommands), of key ids named by `keys`: no promise per command. */
  getThen?<T>(keys: KeyBytes, key: number, decode: (reply: Buffer | null) => T, settle: (decoded: T) => void, fail: (error: Error) => void): void
  setThen?(keys: KeyBytes, key: number, value: Buffer, ttlMs: number | null, settle: () => void, fail: (error: Error) => void): void
  delThen?(keys: KeyBytes, key: number, settle: () => void, fail: (error: Error) => void): void
  /** Commands sent and not answered yet, on a path that counts them (lean): see RedisTarget's channel(). */
  readonly inFlight?: number
}

/** Redis wants a whole number of milliseconds ≥ 1 after PX; jittered TTLs may be fractional. */
function px(ttlMs: number): number {
  return Math.max(1, Math.round(ttlMs))
}

/** Each command written to the connection as it is issued. */
export class DirectChannel implements CommandChannel {
  constructor(private readonly client: RedisClient) {}

  get(key: string): Promise<Buffer | null> {
    return this.client.getBuffer(key)
  }

  set(key: string, value: Buffer, ttlMs: number | null): Promise<unknown> {
    return ttlMs === null ? this.client.set(key, value) : this.client.set(key, value, 'PX', px(ttlMs))
  }

  del(key: string): Promise<unknown> {
    return this.client.del(key)
  }
}

/**
 * Pipelining: commands issued in the same tick, up to `size` of them, leave each connection in
 * one write without waiting for replies. The connections are corked when a batch opens and
 * uncorked when it is full or the tick ends, so Node hands the batch to the kernel as a single
 * writev. Each command keeps its own reply promise; building an ioredis Pipeline object per
 * batch allocated enough to make garbage collection cost more than the batching saved. In a
 * cluster each node's connection carries its own share of the batch, so no pipeline ever spans
 * nodes and MOVED/ASK redirects stay per command, handled by the cluster client.
 */
export class PipelinedChannel implements CommandChannel {
  private corked: Writable[] = []
  private queued = 0
  private flushQueued = false

  constructor(
    private readonly client: RedisClient,
    private readonly size: number,
    private readonly streams: () => Writable[],
  ) {}

  get(key: string): Promise<Buffer | null> {
    this.open()
    return this.sent(this.client.getBuffer(key))
  }

  set(key: string, value: Buffer, ttlMs: number | null): Promise<unknown> {
    this.open()
    return this.sent(ttlMs === null ? this.client.set(key, value) : this.client.set(key, value, 'PX', px(ttlMs)))
  }

  del(key: string): Promise<unknown> {
    this.open()
    return this.sent(this.client.del(key))
  }

  private open(): void {
    if (this.queued > 0) return
    this.corked = this.streams()
    for (const stream of this.corked) stream.cork()
    if (!this.flushQueued) {
      this.flushQueued = true
      // Runs after the current tick's promise continuations, i.e. once every operation that
      // could issue a command right now has done so.
      process.nextTick(this.flush)
    }
  }

  private sent<T>(reply: Promise<T>): Promise<T> {
    if (++this.queued >= this.size) this.uncork()
    return reply
  }

  private uncork(): void {
    // The streams corked when the batch opened: a reconnect may have replaced the client's.
    for (const stream of this.corked) stream.uncork()
    this.corked = []
    this.queued = 0
  }

  private readonly flush = (): void => {
    this.flushQueued = false
    if (this.queued > 0) this.uncork()
  }
}
