import {afterEach, describe, expect, it} from 'vitest'
import type {CacheTarget} from '../../src/targets/cache-target.js'
import {classifyCommandError} from '../../src/targets/command-error.js'
import type {TargetOptions} from '../../src/targets/target-options.js'
import {createTestTarget, MEMCACHED_CLIENTS, withClient} from '../helpers/memcached-clients.js'
import {type MemcachedServer, startMemcached} from '../servers/memcached-servers.js'
import {type ReplyRelay, startReplyRelay} from '../servers/reply-relay.js'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(extraArgs: string[] = []): Promise<MemcachedServer> {
  const started = await startMemcached({extraArgs})
  cleanups.push(() => started.stop())
  return started
}

async function relay(upstream: MemcachedServer, byteByByte: boolean): Promise<ReplyRelay> {
  const started = await startReplyRelay(upstream.port, {byteByByte})
  cleanups.push(() => started.close())
  return started
}

const value = (version: number, size = 100) => ({version, committedAt: version * 10, size})

describe.each(MEMCACHED_CLIENTS)('memcached on the wire, %s client', (client) => {
  async function connected(url: string, options: Partial<TargetOptions> = {}, keyCount = 1000): Promise<CacheTarget> {
    const target = createTestTarget(withClient(url, client), options, keyCount)
    cleanups.push(() => target.close())
    await target.connect()
    return target
  }

  it('a pipeline of mixed hits, misses, sets and deletes: every reply with its own command, in order', async () => {
    const memcached = await server()
    const target = await connected(memcached.url, {connections: 1, pipeline: 16, keyPrefix: 'cbtest:mixed:'})
    await Promise.all(Array.from({length: 50}, (_, i) => target.set(2 * i, value(2 * i, 100 + i), null)))
    // Even keys were set, odd keys never: one tick of 100 gets, sent in batches of 16.
    const read = await Promise.all(Array.from({length: 100}, (_, key) => target.get(key)))
    expect(read).toEqual(Array.from({length: 100}, (_, key) => (key % 2 === 0 ? value(key, 100 + key / 2) : null)))
    // On one connection commands take effect in the order they were issued.
    const sequence = await Promise.all([target.get(4), target.delete(4), target.get(4), target.set(4, value(9), null), target.get(4), target.get(5)])
    expect(sequence).toEqual([value(4, 102), undefined, null, undefined, value(9), null])
    expect(await memcached.get('cbtest:mixed:k:4')).toMatch(/^cbv1/)
    expect(await memcached.get('cbtest:mixed:k:5')).toBeNull()
  })

  it('replies relayed one byte per write read back exactly as sent directly', async () => {
    const memcached = await server()
    const direct = await connected(memcached.url, {keyPrefix: 'cbtest:bytes:'})
    await Promise.all(Array.from({length: 20}, (_, key) => direct.set(key, value(key, 40 + key), null)))
    const slow = await relay(memcached, true)
    const relayed = await connected(slow.url, {connections: 1, pipeline: 8, keyPrefix: 'cbtest:bytes:'})
    const before = slow.writes()
    const read = await Promise.all(Array.from({length: 30}, (_, key) => relayed.get(key)))
    expect(read).toEqual(Array.from({length: 30}, (_, key) => (key < 20 ? value(key, 40 + key) : null)))
    // Every reply byte went out in a write of its own: 20 values of 40+ bytes alone are over 800.
    expect(slow.writes() - before).toBeGreaterThan(800)
    expect(slow.forwarded()).toBe(slow.writes())
    expect(await relayed.delete(3)).toBeUndefined()
    expect(await memcached.get('cbtest:bytes:k:3')).toBeNull()
  })

  it('a 2 MiB value, larger than the socket buffer, goes and comes back whole', async () => {
    const memcached = await server(['-I', '4m'])
    const target = await connected(memcached.url, {keyPrefix: 'cbtest:big:'})
    const big = value(5, 2 * 1024 * 1024)
    await Promise.all([target.set(1, big, null), target.set(2, value(6), null)])
    expect(await Promise.all([target.get(1), target.get(2), target.get(3)])).toEqual([big, value(6), null])
    // Read back over the text protocol by the test's own client: the size memcached stored.
    expect((await memcached.get('cbtest:big:k:1'))?.length).toBe(big.size)
  })

  it('a value over the server’s item size limit fails as a server error, and the commands around it keep their replies', async () => {
    const memcached = await server()
    const target = await connected(memcached.url, {connections: 1, pipeline: 4, keyPrefix: 'cbtest:limit:'})
    // memcached's default item size limit is 1 MiB (-I).
    const settled = await Promise.allSettled([target.set(1, value(1), null), target.set(2, value(2, 2 * 1024 * 1024), null), target.get(1), target.get(2)])
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect(classifyCommandError((settled[1] as PromiseRejectedResult).reason)).toBe('server')
    expect([(settled[2] as PromiseFulfilledResult<unknown>).value, (settled[3] as PromiseFulfilledResult<unknown>).value]).toEqual([value(1), null])
  })

  it('keys of 250 bytes with multi-byte characters and punctuation, the longest memcached allows', async () => {
    const memcached = await server()
    const start = 'cbtest:é€✓~!#$%&*+=|<>?[]{}:'
    // keys are the prefix and "k:<id>"; ids below 10 take 3 bytes.
    const prefix = start + 'x'.repeat(250 - 3 - Buffer.byteLength(start))
    const target = await connected(memcached.url, {keyPrefix: prefix}, 10)
    await Promise.all(Array.from({length: 10}, (_, key) => target.set(key, value(key), null)))
    expect(await Promise.all(Array.from({length: 10}, (_, key) => target.get(key)))).toEqual(Array.from({length: 10}, (_, key) => value(key)))
    expect(Buffer.byteLength(`${prefix}k:9`)).toBe(250)
    expect(await memcached.get(`${prefix}k:9`)).toMatch(/^cbv1/)
    expect(await target.cleanup()).toBe(10)
    expect((await memcached.stats()).curr_items).toBe('0')
  })

  it.each([1, 5, 500, 1000])('a connection closed %i bytes into a reply fails the command as a connection error; the next command reconnects', async (bytes) => {
    const memcached = await server()
    await memcached.set('cbtest:cut:k:1', 'x'.repeat(1000))
    const cutting = await relay(memcached, false)
    // A limit far beyond the test's own: a hang would fail the test, not pass as a timeout.
    const target = await connected(cutting.url, {connections: 1, keyPrefix: 'cbtest:cut:', timeoutMs: 120_000})
    cutting.cutAfter(bytes)
    const error = await target.get(1).catch((caught: unknown) => caught)
    expect(classifyCommandError(error), String(error)).toBe('connection')
    cutting.cutAfter(null)
    // A value cache-bench did not write reads as a miss; the point is that the reply arrives.
    expect(await target.get(1)).toBeNull()
    expect(await target.get(2)).toBeNull()
  })
})
