import {Socket} from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import type {CacheTarget} from '../../src/targets/cache-target.js'
import {classifyCommandError} from '../../src/targets/command-error.js'
import type {TargetOptions} from '../../src/targets/target-options.js'
import {createTestTarget, MEMCACHED_CLIENTS, withClient} from '../helpers/memcached-clients.js'
import {waitFor} from '../helpers/wait-for.js'
import {type MemcachedServer, startMemcached} from '../servers/memcached-servers.js'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function createTarget(url: string, options: Partial<TargetOptions> = {}, keyCount = 1000): CacheTarget {
  const target = createTestTarget(url, options, keyCount)
  cleanups.push(() => target.close())
  return target
}

/** A server the test will freeze (SIGSTOP) or kill: it is resumed before it is stopped. */
async function frozen(): Promise<MemcachedServer> {
  const started = await startMemcached()
  cleanups.push(async () => {
    started.process.thaw()
    await started.stop()
  })
  return started
}

async function server(options: {memoryMb?: number} = {}): Promise<MemcachedServer> {
  const started = await startMemcached(options)
  cleanups.push(() => started.stop())
  return started
}

const value = (version: number, size = 100) => ({version, committedAt: version * 10, size})

describe.each(MEMCACHED_CLIENTS)('memcached target through the %s client', (client) => {
  const urlOf = (memcached: MemcachedServer): string => withClient(memcached.url, client)

  describe('commands', () => {
    it('reads back what it wrote, header intact; a TTL expires on the next whole second and counts as an expiration', async () => {
      const memcached = await server()
      const target = createTarget(urlOf(memcached), {keyPrefix: 'cbtest:ttl:'})
      await target.connect()
      await target.set(1, value(3, 512), 1000)
      await target.set(2, value(4), null)
      expect(await target.get(1)).toEqual(value(3, 512))
      expect(await target.get(7)).toBeNull()
      expect((await target.stats()).expirations).toBe(0)
      // memcached's clock ticks in whole seconds: a 1 s TTL is gone after at most 2 s. The server
      // itself, read over its own text protocol, says when.
      await waitFor(async () => (await memcached.get('cbtest:ttl:k:1')) === null, 'the 1 s TTL to expire', 10_000)
      expect(await target.get(1)).toBeNull()
      expect(await target.get(2)).toEqual(value(4))
      const stats = await target.stats()
      expect(stats.expirations).toBe(1)
      expect(stats.items).toBe(Number((await memcached.stats()).curr_items))
      await target.delete(2)
      expect(await memcached.get('cbtest:ttl:k:2')).toBeNull()
    })

    it('counts evictions since connect, as the server reports them', async () => {
      const memcached = await server({memoryMb: 4})
      const before = Number((await memcached.stats()).evictions)
      const target = createTarget(urlOf(memcached), {keyPrefix: 'cbtest:evict:'}, 20_000)
      await target.connect()
      // 20,000 × 1 KiB is about five times the memory the server has.
      for (let start = 0; start < 20_000; start += 500) {
        await Promise.all(Array.from({length: 500}, (_, i) => target.set(start + i, value(1, 1024), null)))
      }
      const serverEvictions = Number((await memcached.stats()).evictions) - before
      expect(serverEvictions).toBeGreaterThan(5000)
      expect((await target.stats()).evictions).toBe(serverEvictions)
    })

    it('a command to a server that never replies fails as a timeout, on time', async () => {
      const memcached = await frozen()
      const target = createTarget(urlOf(memcached), {timeoutMs: 300})
      await target.connect()
      await memcached.process.freeze()
      const started = performance.now()
      const error = await target.get(1).catch((caught: unknown) => caught)
      const elapsed = performance.now() - started
      expect(classifyCommandError(error), String(error)).toBe('timeout')
      expect(elapsed).toBeGreaterThanOrEqual(290)
      expect(elapsed).toBeLessThan(1000)
    })

    it('a server that dies with a command pending fails it at once as a connection error, not after the timeout', async () => {
      const memcached = await frozen()
      const target = createTarget(urlOf(memcached), {timeoutMs: 5000})
      await target.connect()
      await memcached.process.freeze()
      const pending = target.get(1).catch((caught: unknown) => caught)
      await new Promise((resolve) => setTimeout(resolve, 50))
      const started = performance.now()
      await memcached.stop()
      const error = await pending
      expect(classifyCommandError(error), String(error)).toBe('connection')
      expect(performance.now() - started).toBeLessThan(1000)
    })

    it('close() returns at once with a command pending on a hung server, and fails that command', async () => {
      const memcached = await frozen()
      // Each look opens a connection of its own and counts it; the one before it may not be reaped
      // yet (memcached's worker threads handle a client's close asynchronously), so a single look
      // can read one too many. What must hold is that the count reaches the old value: the look
      // itself is always counted, a connection the target leaked would keep it above forever.
      let seen = 0
      const connections = async () => (seen = Number((await memcached.stats()).curr_connections))
      const connectionsBefore = await connections()
      const target = createTarget(urlOf(memcached), {timeoutMs: 10_000, connections: 3})
      await target.connect()
      // memcached's worker threads register new connections a moment after accepting them; the
      // count must rise, or its return to the old value below would prove nothing.
      await waitFor(async () => (await connections()) > connectionsBefore, 'memcached to count the connections of the target', 10_000)
      await memcached.process.freeze()
      const pending = target.get(1).catch((caught: unknown) => caught)
      await new Promise((resolve) => setTimeout(resolve, 50))
      const started = performance.now()
      await target.close()
      const error = await pending
      expect(performance.now() - started).toBeLessThan(200)
      expect(classifyCommandError(error)).toBe('connection')
      // Once it runs again, the server sees every connection of the target go. A thawed memcached
      // first works through what queued while it was stopped (connections the kernel accepted for
      // it included), so its count can take a few seconds to come down.
      memcached.process.thaw()
      await waitFor(async () => (await connections()) <= connectionsBefore, 'memcached to see the target close its connections', 20_000).catch(() => {})
      expect(seen, 'connections memcached still counts').toBeLessThanOrEqual(connectionsBefore)
    })
  })

  describe('pipelining (--pipeline)', () => {
    /** Requests in one chunk written: memjs hands the socket one chunk per request, the lean client one buffer per batch. */
    const requestsIn = (chunk: unknown): number =>
      client === 'lean' ? (String((chunk as {chunk?: unknown}).chunk ?? chunk).match(/^mg /gm)?.length ?? 0) : 1

    /** Socket writes (and requests in each) that reach `port`, counted where the stream hands them to the OS. */
    function spyOnWrites(port: number): {requestsPerWrite: number[]} {
      const requestsPerWrite: number[] = []
      const socket = Socket.prototype as unknown as {_write: (...args: unknown[]) => unknown; _writev: (...args: unknown[]) => unknown}
      const write = socket._write
      const writev = socket._writev
      socket._write = function (this: Socket, ...args: unknown[]) {
        if (this.remotePort === port) requestsPerWrite.push(requestsIn(args[0]))
        return write.apply(this, args)
      }
      socket._writev = function (this: Socket, chunks: unknown, ...rest: unknown[]) {
        if (this.remotePort === port) requestsPerWrite.push((chunks as unknown[]).reduce((sum: number, chunk) => sum + requestsIn(chunk), 0))
        return writev.apply(this, [chunks, ...rest])
      }
      cleanups.push(() => {
        socket._write = write
        socket._writev = writev
      })
      return {requestsPerWrite}
    }

    it.each([
      [8, [8, 8, 4]],
      [1, Array.from({length: 20}, () => 1)],
    ])('with --pipeline %i, 20 requests of one tick leave in writes of %j requests', async (pipeline, expected) => {
      const memcached = await server()
      const target = createTarget(urlOf(memcached), {connections: 1, pipeline, keyPrefix: 'cbtest:batch:'})
      await target.connect()
      const getsBefore = Number((await memcached.stats()).cmd_get)
      const writes = spyOnWrites(memcached.port)
      const replies = await Promise.all(Array.from({length: 20}, (_, key) => target.get(key)))
      expect(replies).toEqual(Array.from({length: 20}, () => null))
      expect(writes.requestsPerWrite).toEqual(expected)
      expect(Number((await memcached.stats()).cmd_get) - getsBefore).toBe(20)
    })

    it('keeps every reply with its own request on a real server', async () => {
      const memcached = await server()
      const target = createTarget(urlOf(memcached), {connections: 2, pipeline: 16, keyPrefix: 'cbtest:pipe:'})
      await target.connect()
      await Promise.all(Array.from({length: 500}, (_, key) => target.set(key, value(key, 100 + (key % 50)), null)))
      const read = await Promise.all(Array.from({length: 500}, (_, key) => target.get(key)))
      expect(read).toEqual(Array.from({length: 500}, (_, key) => value(key, 100 + (key % 50))))
      expect(await target.cleanup()).toBe(500)
      expect((await memcached.stats()).curr_items).toBe('0')
    })
  })

})

describe('memcached target input checks (exit 2, before any connection)', () => {
  it.each([
    ['memcached://', /needs at least one host/],
    ['memcached://127.0.0.1:1/db', /takes no path/],
    ['memcached://127.0.0.1:1?timeout=5', /takes only the query parameter client=/],
    ['memcached://127.0.0.1:1,127.0.0.1:1', /lists 127\.0\.0\.1:1 twice/],
    ['memcached://user@127.0.0.1:1', /needs both a user name and a password/],
    ['memcached://127.0.0.1:1?client=fast', /client must be one of lean, memjs \(got "fast"/],
    ['memcached://user:pass@127.0.0.1:1?client=lean', /SASL credentials needs client=memjs/],
  ])('%s', (url, message) => {
    expect(() => createTarget(url)).toThrow(InputError)
    expect(() => createTarget(url)).toThrow(message)
  })

  it('speaks through the lean client unless told otherwise or SASL credentials need memjs', () => {
    expect(createTarget('memcached://127.0.0.1:1').client).toBe('lean')
    expect(createTarget('memcached://127.0.0.1:1?client=memjs').client).toBe('memjs')
    expect(createTarget('memcached://user:pass@127.0.0.1:1').client).toBe('memjs')
    expect(createTarget('memcached://user:pass@127.0.0.1:1?client=memjs').client).toBe('memjs')
  })

  it('a key prefix memcached cannot carry', () => {
    expect(() => createTarget('memcached://127.0.0.1:1', {keyPrefix: 'has space:'})).toThrow(InputError)
    expect(() => createTarget('memcached://127.0.0.1:1', {keyPrefix: 'x'.repeat(250)})).toThrow(/at most 250/)
  })
})
