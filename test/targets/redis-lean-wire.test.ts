import {Socket} from 'node:net'
import {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {TargetError} from '../../src/errors.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {CacheCommandError} from '../../src/targets/command-error.js'
import {LeanConnection} from '../../src/targets/redis/lean/lean-connection.js'
import {issueOverOneTurn} from '../helpers/one-turn.js'
import {testWorkload} from '../helpers/workload.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'
import {startRelay, type TcpRelay} from '../servers/tcp-relay.js'

/** A lean connection to 127.0.0.1:port; the lean path is what these tests are about. */
function leanConnection(port: number, pipeline: number): LeanConnection {
  return new LeanConnection({host: '127.0.0.1', port, tls: undefined, username: null, password: null, db: 0, timeoutMs: 10_000, connectTimeoutMs: 10_000, pipeline})
}

/** A value whose every byte depends on its position and `seed`, so a shifted or mixed-up value shows. */
function patterned(bytes: number, seed: number): Buffer {
  const value = Buffer.allocUnsafe(bytes)
  for (let i = 0; i < bytes; i++) value[i] = (i * 131 + seed * 7 + (i >> 11)) & 0xff
  return value
}

/** Lazy loading at concurrency 1: the hit, miss and stale counts follow from the seed alone. */
const SEQUENTIAL = testWorkload({
  seed: 21,
  keyspace: {count: 300, distribution: 'zipfian'},
  mix: {read: 0.8, write: 0.2, delete: 0},
  strategy: {name: 'lazy-loading', ttlMs: null},
  origin: {latency: {distribution: 'fixed', ms: 0}},
  load: {concurrency: 1, operations: 1500, warmup: {operations: 0}},
})

const counts = (summary: {hits: number; misses: number; staleReads: number}) => ({hits: summary.hits, misses: summary.misses, staleReads: summary.staleReads})

describe('the lean Redis path on the wire', () => {
  let server: RedisServer
  /** ioredis, as an independent reader and writer to check the lean path against. */
  let checker: Redis
  const relays: TcpRelay[] = []
  const connections: LeanConnection[] = []
  const relay = async (options: Parameters<typeof startRelay>[1]) => {
    const started = await startRelay(server.port, options)
    relays.push(started)
    return started
  }
  const connection = async (port: number, pipeline: number) => {
    const made = leanConnection(port, pipeline)
    connections.push(made)
    await made.connect()
    return made
  }

  beforeAll(async () => {
    server = await startRedis()
    checker = new Redis({host: '127.0.0.1', port: server.port, lazyConnect: true, maxRetriesPerRequest: 0})
    await checker.connect()
  })
  afterAll(async () => {
    for (const made of connections) made.close()
    await Promise.all(relays.map((started) => started.stop()))
    checker?.disconnect()
    await server?.stop()
  })

  it('replies that reach it one byte per TCP segment: a run gives the builtin target’s exact counts, unpipelined and pipelined', async () => {
    const builtin = await runWorkload(SEQUENTIAL)
    expect(builtin.summary.hits).toBeGreaterThan(500)
    expect(builtin.summary.misses).toBeGreaterThan(100)
    expect(builtin.summary.staleReads).toBeGreaterThan(10)
    const bytewise = await relay({chunkBytes: 1})
    for (const pipeline of [1, 8]) {
      const before = bytewise.forwarded
      const result = await runWorkload(SEQUENTIAL, {target: `redis://127.0.0.1:${bytewise.port}?client=lean`, targetOptions: {pipeline, connections: 2}})
      expect(result.target.client).toBe('lean')
      expect(result.summary.errors).toBe(0)
      expect(counts(result.summary)).toEqual(counts(builtin.summary))
      // Every hit's value (100 bytes) came through the relay a byte at a time.
      expect(bytewise.forwarded - before).toBeGreaterThan(builtin.summary.hits * 100)
    }
  })

  it('a pipeline of mixed hits and misses gets each key’s own value back, directly and split into 7-byte pieces', async () => {
    const written = new Map<string, Buffer>()
    for (let i = 0; i < 100; i++) written.set(`mixed:${i}`, patterned(50 + i * 13, i))
    for (const [key, value] of written) await checker.set(key, value)
    const sevens = await relay({chunkBytes: 7})
    for (const port of [server.port, sevens.port]) {
      const lean = await connection(port, 64)
      // Interleaved: even indexes were written, odd ones (mixed:100…) never were.
      const keys = Array.from({length: 200}, (_, i) => (i % 2 === 0 ? `mixed:${i / 2}` : `mixed:${100 + i}`))
      const replies = await Promise.all(keys.map((key) => lean.get(key)))
      replies.forEach((reply, i) => {
        const expected = written.get(keys[i]) ?? null
        if (expected === null) expect(reply).toBeNull()
        else expect(reply?.equals(expected)).toBe(true)
      })
    }
  })

  it('commands issued in one turn of the event loop, in later ticks and promise continuations too, share a write of at most --pipeline', async () => {
    for (let i = 0; i < 20; i++) await checker.set(`turn:${i}`, patterned(20, i))
    const lean = await connection(server.port, 16)
    const writes = vi.spyOn(Socket.prototype, 'write')
    try {
      const issued: Array<Promise<Buffer | null>> = []
      await issueOverOneTurn((from, to) => {
        for (let i = from; i < to; i++) issued.push(lean.get(`turn:${i}`))
      })
      const replies = await Promise.all(issued)
      replies.forEach((reply, i) => expect(reply?.equals(patterned(20, i))).toBe(true))
      // The first 16 fill a batch, which the 17th finds full and writes; the other 4 leave at the turn's end.
      expect(writes.mock.calls.map(([chunk]) => (String(chunk).match(/\*2\r\n\$3\r\nGET\r\n/g) ?? []).length)).toEqual([16, 4])
    } finally {
      writes.mockRestore()
    }
  })

  it('replies kept after later reads (plain GETs, SCAN’s keys) are copies of their own, not views of the connection’s read buffer', async () => {
    for (let i = 0; i < 40; i++) await checker.set(`kept:${i}`, patterned(300, i))
    const lean = await connection(server.port, 16)
    const first = await lean.get('kept:0')
    const scanned = await lean.command(['SCAN', 0, 'MATCH', 'kept:*', 'COUNT', 1000])
    // Later reads land in the same read buffer: 39 more values, in batches of 16, then more again.
    for (let round = 0; round < 3; round++) {
      const later = await Promise.all(Array.from({length: 39}, (_, i) => lean.get(`kept:${i + 1}`)))
      later.forEach((reply, i) => expect(reply?.equals(patterned(300, i + 1))).toBe(true))
    }
    expect(first?.equals(patterned(300, 0))).toBe(true)
    const keys = ((scanned as Buffer[][])[1] ?? []).map((key) => key.toString())
    expect(keys.sort()).toEqual(Array.from({length: 40}, (_, i) => `kept:${i}`).sort())
  })

  it('GETs decoded where their replies are read: each its own value, and a value the decoder refuses fails that GET alone', async () => {
    await checker.set('decoded:good', 'good')
    await checker.set('decoded:bad', 'bad')
    const lean = await connection(server.port, 16)
    const decode = (reply: Buffer | null): string => {
      if (reply?.toString() === 'bad') throw new Error('the decoder refused the value')
      return reply === null ? 'miss' : `value ${reply.toString()}`
    }
    const replies = await Promise.allSettled(['decoded:good', 'decoded:bad', 'decoded:none', 'decoded:good'].map((key) => lean.getDecoded(key, decode)))
    expect(replies.map((reply) => (reply.status === 'fulfilled' ? reply.value : (reply.reason as Error).message))).toEqual([
      'value good',
      'the decoder refused the value',
      'miss',
      'value good',
    ])
    // The connection reads on past the refused reply: the next GET gets its own value.
    expect(await lean.getDecoded('decoded:good', decode)).toBe('value good')
  })

  it('a 4 MiB value, larger than the socket buffers, goes out and comes back byte for byte', async () => {
    const lean = await connection(server.port, 16)
    const big = patterned(4 * 1024 * 1024, 3)
    await lean.set('big:value', big, null)
    expect((await checker.getBuffer('big:value'))?.equals(big)).toBe(true)
    const [first, small, second] = await Promise.all([lean.get('big:value'), lean.get('mixed:1'), lean.get('big:value')])
    expect(first?.equals(big)).toBe(true)
    expect(small?.equals(patterned(63, 1))).toBe(true)
    expect(second?.equals(big)).toBe(true)
  })

  it('binary keys: bytes 0, 255, CR LF, spaces and multi-byte UTF-8 reach the server as written', async () => {
    const lean = await connection(server.port, 4)
    const keys = [Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x20, 0x24]), Buffer.from('ключ \r\n *3', 'utf8'), Buffer.from([0x0d, 0x0a])]
    await Promise.all(keys.map((key, i) => lean.set(key, patterned(10, i), 60_000)))
    for (const [i, key] of keys.entries()) {
      expect((await checker.getBuffer(key))?.equals(patterned(10, i))).toBe(true)
      expect(await checker.pttl(key)).toBeGreaterThan(50_000)
    }
    await Promise.all(keys.map((key) => lean.del(key)))
    expect(await checker.exists(...keys)).toBe(0)
  })

  it('a run under a key prefix with CR LF, a NUL and UTF-8 in it writes and deletes exactly its keys', async () => {
    const prefix = 'cb:\r\n\u0000ключ:'
    const prefixBytes = Buffer.from(prefix, 'utf8')
    const ownKeys = async () => (await checker.keysBuffer('*')).filter((key) => key.subarray(0, prefixBytes.length).equals(prefixBytes)).length
    let during = -1
    const result = await runWorkload(SEQUENTIAL, {
      target: `redis://127.0.0.1:${server.port}?client=lean`,
      targetOptions: {keyPrefix: prefix},
      afterLoad: async () => {
        during = await ownKeys()
      },
    })
    expect(result.summary.errors).toBe(0)
    expect(during).toBeGreaterThan(50)
    expect(result.target.keysDeleted).toBe(during)
    expect(await ownKeys()).toBe(0)
  })

  it('a server lost between the connect and its first questions stops the run as the target’s failure (exit 3), not an internal error', async () => {
    // Each connection's handshake gets its "+PONG\r\n"; the INFO asked next is cut off.
    const cutting = await relay({cutAfterBytes: 7})
    const failure = await runWorkload(testWorkload({load: {operations: 100, warmup: {operations: 0}}}), {target: `redis://127.0.0.1:${cutting.port}`}).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(TargetError)
    expect((failure as TargetError).exitCode).toBe(3)
    expect((failure as Error).message).toMatch(new RegExp(`^redis://127\\.0\\.0\\.1:${cutting.port} failed while the run was setting up: `))
  })

  it('a server that closes the connection mid-reply: every command waiting fails as a connection error, none hangs', async () => {
    const value = patterned(64 * 1024, 9)
    await checker.set('cut:value', value)
    // After the handshake's "+PONG\r\n" (7 bytes) the reply is "$65536\r\n" + 65536 bytes + "\r\n":
    // cut inside its header, its body and its final CRLF.
    const pong = 7
    for (const cut of [pong + 3, pong + 8 + 1000, pong + 8 + 65_536 + 1]) {
      const cutting = await relay({cutAfterBytes: cut})
      const lean = await connection(cutting.port, 8)
      const replies = await Promise.allSettled([lean.get('cut:value'), lean.get('cut:value'), lean.get('mixed:0')])
      // Cut in its final CRLF, the first reply's value had arrived whole: it is answered, the rest fail.
      const answered = cut > pong + 8 + 65_536 ? 1 : 0
      for (const reply of replies.slice(0, answered)) expect(reply.status === 'fulfilled' && reply.value?.equals(value)).toBe(true)
      for (const reply of replies.slice(answered)) {
        expect(reply.status).toBe('rejected')
        const reason = (reply as PromiseRejectedResult).reason as CacheCommandError
        expect(reason).toBeInstanceOf(CacheCommandError)
        expect(reason.kind).toBe('connection')
      }
      expect(cutting.forwarded).toBe(cut)
      lean.close()
    }
  })
})
