import {connect, type Socket} from 'node:net'
import {Redis} from 'ioredis'
import {CacheEngine, type CacheEngineOptions} from '../../src/engine/index.js'
import {keyName} from '../../src/engine/item-size.js'

/**
 * The same lazy-loading stream replayed on a real server and on an engine model: requests go in
 * batches; each batch reads its keys (a multi-get / a pipeline of GETs), then stores every key
 * that missed, in order. Both sides see exactly this order, so their hit ratios compare the
 * servers' memory and eviction, not the replay. Hits are counted from `warmup` on.
 */
export interface ReplayStream {
  keys: Int32Array
  /** Value size of each key (fixed per key, so an overwrite never changes the size). */
  sizeOf(key: number): number
  warmup: number
  batch: number
}

export interface ReplayOutcome {
  hitRatio: number
  /** Wall-clock ms since the first batch at which each batch started (the model replays on it). */
  batchStartMs: Float64Array
}

/** `cb:` + 8 hex digits + `:`, as the targets namespace a run (RUN_PREFIX_LENGTH). */
export const REPLAY_PREFIX = 'cb:5eed0001:'

function serverKey(key: number): string {
  return REPLAY_PREFIX + keyName(key)
}

interface BatchClient {
  /** Whether each key was a hit, in order. */
  getMany(keys: string[]): Promise<boolean[]>
  setMany(entries: Array<[string, Buffer]>): Promise<void>
}

async function replay(stream: ReplayStream, client: BatchClient): Promise<ReplayOutcome> {
  const batches = Math.ceil(stream.keys.length / stream.batch)
  const batchStartMs = new Float64Array(batches)
  const values = new Map<number, Buffer>()
  const valueOf = (size: number): Buffer => values.get(size) ?? values.set(size, Buffer.alloc(size, 120)).get(size)!
  const started = performance.now()
  let hits = 0
  let lookups = 0
  for (let batch = 0; batch < batches; batch++) {
    batchStartMs[batch] = performance.now() - started
    const from = batch * stream.batch
    const keys = Array.from(stream.keys.subarray(from, from + stream.batch))
    const found = await client.getMany(keys.map(serverKey))
    const misses: Array<[string, Buffer]> = []
    found.forEach((hit, i) => {
      if (from + i >= stream.warmup) {
        lookups++
        if (hit) hits++
      }
      if (!hit) misses.push([serverKey(keys[i]), valueOf(stream.sizeOf(keys[i]))])
    })
    await client.setMany(misses)
  }
  return {hitRatio: hits / lookups, batchStartMs}
}

/** The stream on a model, its clock at each batch's start on the real run. */
export function replayOnModel(stream: ReplayStream, options: Omit<CacheEngineOptions, 'now'>, batchStartMs: Float64Array): number {
  let now = 0
  const engine = new CacheEngine({...options, now: () => now})
  let hits = 0
  let lookups = 0
  const misses: number[] = []
  for (let from = 0, batch = 0; from < stream.keys.length; from += stream.batch, batch++) {
    now = batchStartMs[batch]
    misses.length = 0
    const end = Math.min(stream.keys.length, from + stream.batch)
    for (let i = from; i < end; i++) {
      const hit = engine.lookup(stream.keys[i]) >= 0
      if (i >= stream.warmup) {
        lookups++
        if (hit) hits++
      }
      if (!hit) misses.push(stream.keys[i])
    }
    for (const key of misses) engine.set(key, 1, 0, stream.sizeOf(key), null)
  }
  return hits / lookups
}

export async function replayOnRedis(port: number, stream: ReplayStream): Promise<ReplayOutcome> {
  const redis = new Redis({host: '127.0.0.1', port, lazyConnect: true, enableAutoPipelining: false})
  await redis.connect()
  try {
    return await replay(stream, {
      getMany: async (keys) => {
        const pipeline = redis.pipeline()
        for (const key of keys) pipeline.getBuffer(key)
        const replies = (await pipeline.exec()) ?? []
        return replies.map(([error, value]) => {
          if (error) throw error
          return value !== null
        })
      },
      setMany: async (entries) => {
        if (entries.length === 0) return
        const pipeline = redis.pipeline()
        for (const [key, value] of entries) pipeline.set(key, value)
        for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error
      },
    })
  } finally {
    redis.disconnect()
  }
}

const CRLF = Buffer.from('\r\n')

/** memcached's text protocol on one socket: a multi-get per batch, then `set … noreply`. */
export async function replayOnMemcached(port: number, stream: ReplayStream): Promise<ReplayOutcome> {
  const socket = await new Promise<Socket>((resolve, reject) => {
    const opened = connect({host: '127.0.0.1', port}, () => resolve(opened))
    opened.once('error', reject)
  })
  // Small multi-gets after unanswered noreply sets would otherwise wait on delayed ACKs.
  socket.setNoDelay(true)
  const reader = new ReplyReader(socket)
  try {
    return await replay(stream, {
      getMany: async (keys) => {
        socket.write(`get ${keys.join(' ')}\r\n`)
        const returned = await reader.values()
        let next = 0
        return keys.map((key) => {
          if (returned[next] !== key) return false
          next++
          return true
        })
      },
      setMany: async (entries) => {
        if (entries.length === 0) return
        const parts: Buffer[] = []
        for (const [key, value] of entries) parts.push(Buffer.from(`set ${key} 0 0 ${value.length} noreply\r\n`), value, CRLF)
        socket.write(Buffer.concat(parts))
      },
    })
  } finally {
    socket.destroy()
  }
}

/** Reads `VALUE key flags bytes` blocks up to `END` (or fails on an error line). */
class ReplyReader {
  private buffered: Buffer = Buffer.alloc(0)
  private waiting: (() => void) | null = null

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk])
      this.waiting?.()
    })
    socket.on('close', () => this.waiting?.())
  }

  async values(): Promise<string[]> {
    const keys: string[] = []
    for (;;) {
      const lineEnd = this.buffered.indexOf('\r\n')
      if (lineEnd < 0) {
        await this.more()
        continue
      }
      const line = this.buffered.toString('latin1', 0, lineEnd)
      if (line === 'END') {
        this.buffered = this.buffered.subarray(lineEnd + 2)
        return keys
      }
      const [word, key, , bytes] = line.split(' ')
      if (word !== 'VALUE') throw new Error(`memcached replied "${line}"`)
      const blockEnd = lineEnd + 2 + Number(bytes) + 2
      if (this.buffered.length < blockEnd) {
        await this.more()
        continue
      }
      keys.push(key)
      this.buffered = this.buffered.subarray(blockEnd)
    }
  }

  private more(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = () => {
        this.waiting = null
        resolve()
      }
    })
  }
}
