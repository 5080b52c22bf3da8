import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {Socket} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {Workload} from '../../src/workload/types.js'
import {cli} from '../helpers/cli.js'
import {waitFor} from '../helpers/wait-for.js'
import {testWorkload} from '../helpers/workload.js'
import {startMemcached} from '../servers/memcached-servers.js'
import {startRedis} from '../servers/redis-servers.js'

/**
 * The callback path (lean clients' completion callbacks, flows driven by CallbackSlot) against
 * the promise path (`engine: 'async'`) on real servers: the same counts for the same seed, the
 * same failure handling, and pipelined batches that stay full on the wire.
 */

interface Server {
  url: string
  /** Stops the server at once, as a crash would for the client. */
  kill(): Promise<void>
  /** Read hits the server has answered so far, read over a connection of the test's own. */
  hits(): Promise<number>
  stop(): Promise<void>
}

/** One GET command in the bytes a client wrote: RESP's array header or the meta protocol's `mg`. */
const GET_ON_WIRE: Record<string, RegExp> = {redis: /\*2\r\n\$3\r\nGET\r\n/g, memcached: /(?:^|\n)mg /g}

const SERVERS: Array<[string, () => Promise<Server>]> = [
  [
    'redis',
    async () => {
      const server = await startRedis()
      return {
        url: server.url,
        kill: () => server.kill(),
        hits: async () => Number(/keyspace_hits:(\d+)/.exec(await server.cli('INFO', 'stats'))?.[1] ?? 0),
        stop: () => server.stop(),
      }
    },
  ],
  [
    'memcached',
    async () => {
      // One worker thread, as Redis has: with memcached's default four, each connection is served
      // by a thread of its own, and on a busy machine one thread can wait for a core while the
      // others serve a whole pass of the keyspace, so a key whose fill sits on the stalled
      // connection is read (and missed) again before its set lands. One thread stalls all alike.
      const server = await startMemcached({extraArgs: ['-t', '1']})
      return {url: server.url, kill: () => server.stop(), hits: async () => Number((await server.stats()).get_hits), stop: () => server.stop()}
    },
  ],
]

const KEYS = 1500

/**
 * Lazy loading over keys drawn in order, every key once per pass, three passes, on a cache far
 * larger than the keyspace: the first pass misses every key and fills it, the next two hit, and a
 * key is drawn again only KEYS operations later, long after its fill, at any concurrency below KEYS.
 */
function sequentialReads(concurrency: number): Workload {
  return testWorkload({
    seed: 5,
    keyspace: {count: KEYS, distribution: 'sequential'},
    mix: {read: 1, write: 0, delete: 0},
    strategy: {name: 'lazy-loading', ttlMs: null},
    origin: {latency: {distribution: 'fixed', ms: 0}},
    load: {concurrency, operations: 3 * KEYS, warmup: {operations: 0}},
  })
}

/** Reads, writes and deletes at concurrency 1: every count follows from the seed alone, on any path and the builtin target. */
const MIXED = testWorkload({
  seed: 11,
  keyspace: {count: 400, distribution: 'zipfian'},
  mix: {read: 0.7, write: 0.2, delete: 0.1},
  strategy: {name: 'write-through', ttlMs: null},
  origin: {latency: {distribution: 'fixed', ms: 0}},
  load: {concurrency: 1, operations: 2500, warmup: {operations: 0}},
})

const counts = (result: Result) => {
  const s = result.summary
  return {
    reads: s.reads,
    writes: s.writes,
    deletes: s.deletes,
    hits: s.hits,
    misses: s.misses,
    staleReads: s.staleReads,
    originReads: s.origin.reads,
    originWrites: s.origin.writes,
    cacheSets: s.cache.sets,
    cacheDeletes: s.cache.deletes,
    errors: s.errors,
  }
}

describe.each(SERVERS)('the callback path on %s', (name, start) => {
  let server: Server
  const dir = mkdtempSync(join(tmpdir(), `cb-callbacks-${name}-`))
  beforeAll(async () => {
    server = await start()
  })
  afterAll(async () => {
    await server.stop()
    rmSync(dir, {recursive: true, force: true})
  })

  const run = (workload: Workload, engine: 'async' | undefined, pipeline: number, connections = 4) =>
    runWorkload(workload, {target: server.url, engine, targetOptions: {connections, pipeline, timeoutMs: 10_000}})

  it.each([1, 16])('sequential reads at --pipeline %i: both paths miss each key once and hit it twice, one origin read and one set per key', async (pipeline) => {
    const workload = sequentialReads(pipeline === 1 ? 8 : 64)
    const expected = {reads: 3 * KEYS, writes: 0, deletes: 0, hits: 2 * KEYS, misses: KEYS, staleReads: 0, originReads: KEYS, originWrites: 0, cacheSets: KEYS, cacheDeletes: 0, errors: 0}
    const callbacks = await run(workload, undefined, pipeline)
    const promises = await run(workload, 'async', pipeline)
    expect(callbacks.target.commands).toBe('callbacks')
    expect(promises.target.commands).toBe('promises')
    expect(counts(callbacks)).toEqual(expected)
    expect(counts(promises)).toEqual(expected)
    // Each run deleted its own keys: the next starts on an empty keyspace again.
    expect(callbacks.target.keysDeleted).toBe(KEYS)
  })

  it('an open loop (a rate) takes the callback path too, and its counts agree with the server', async () => {
    const workload = sequentialReads(1)
    workload.load = {...workload.load, rate: 10_000}
    const hitsBefore = await server.hits()
    const callbacks = await run(workload, undefined, 1)
    const hitsOnServer = (await server.hits()) - hitsBefore
    expect(callbacks.target.commands).toBe('callbacks')
    expect(callbacks.load.mode).toBe('open')
    const c = counts(callbacks)
    // Starts keep to the schedule whatever is in flight: if the client or the server is held up for
    // longer than a pass (150 ms at 10,000/s), a key's next read can start before its first read's
    // fill, and miss too. So the misses are at least one per key, and every figure follows from them.
    expect(c.reads).toBe(3 * KEYS)
    expect(c.errors).toBe(0)
    expect(c.misses).toBeGreaterThanOrEqual(KEYS)
    expect(c.hits).toBe(c.reads - c.misses)
    expect(c.originReads).toBe(c.misses)
    expect(c.cacheSets).toBe(c.misses)
    // The server counted the same hits as the client, read over a connection of the test's own.
    expect(hitsOnServer).toBe(c.hits)
  })

  it('reads, writes and deletes: the callback path, the promise path and the builtin target count alike', async () => {
    const callbacks = await run(MIXED, undefined, 1, 1)
    const promises = await run(MIXED, 'async', 1, 1)
    const builtin = await runWorkload(MIXED)
    expect(callbacks.target.commands).toBe('callbacks')
    expect(counts(callbacks)).toEqual(counts(builtin))
    expect(counts(promises)).toEqual(counts(builtin))
    // Not a trivial mix: every kind of operation and answer happened.
    const s = callbacks.summary
    expect(Math.min(s.hits, s.misses, s.writes, s.deletes, s.cache.deletes, s.staleReads + 1)).toBeGreaterThan(0)
  })

  it('pipelined batches stay full on the wire: never more than --pipeline GETs per write, and nearly all GETs in full batches', async () => {
    const workload = testWorkload({
      keyspace: {count: 2000, distribution: 'uniform'},
      mix: {read: 1, write: 0, delete: 0},
      strategy: {name: 'cache-only', ttlMs: null},
      load: {concurrency: 64, operations: 20_000, warmup: {operations: 0}},
    })
    const writes = vi.spyOn(Socket.prototype, 'write')
    let result: Result
    let written: unknown[]
    try {
      // The prefix is not probed first (memcached's probe is GETs too): only the load's commands are counted.
      result = await runWorkload(workload, {target: server.url, prefixChecked: true, targetOptions: {connections: 4, pipeline: 16, timeoutMs: 10_000}})
      // Read before the spy is restored, which forgets its calls.
      written = writes.mock.calls.map(([chunk]) => chunk)
    } finally {
      writes.mockRestore()
    }
    expect(result.target.commands).toBe('callbacks')
    const batches = written.map((chunk) => (String(chunk).match(GET_ON_WIRE[name]) ?? []).length).filter((gets) => gets > 0)
    const sent = batches.reduce((sum, gets) => sum + gets, 0)
    expect(sent).toBe(20_000)
    expect(Math.max(...batches)).toBe(16)
    // 64 in flight over 4 connections is 16 a connection: a batch's replies come back together and
    // start the next batch together. Partial batches come only where replies are split across reads.
    const inFullBatches = batches.filter((gets) => gets === 16).length * 16
    expect(inFullBatches / sent).toBeGreaterThan(0.9)
  })

  it('a server that dies mid-run: the run ends by itself, exit 4 with one sentence, and a complete result', async () => {
    const own = await start()
    try {
      const out = join(dir, 'killed.json')
      // Counted, not timed: a 4 s run on a busy machine could be nearly over when the kill came,
      // leaving fewer than 1% of its commands failed. The origin answers in 50 us, so the
      // operations after the kill fail quickly and the run ends by itself within seconds.
      const workload = join(dir, 'killed.yaml')
      writeFileSync(workload, 'version: 1\nname: killed\nkeyspace: {count: 10000, distribution: zipfian}\nmix: {read: 95, write: 5}\nstrategy: {name: lazy-loading}\norigin: {latency: 0.05ms}\nload: {operations: 60000, concurrency: 8, warmup: 0}\n')
      const running = cli(['run', workload, '--target', own.url, '--out', out])
      // Killed once it answers reads from the cache: the run is under way, whatever start-up took.
      await waitFor(async () => (await own.hits()) >= 100, `${name} to answer 100 hits`)
      await own.kill()
      const finished = await running
      // It ended by itself: the helper kills a hung command after 60 s (exit code not 4).
      expect(finished.exitCode).toBe(4)
      // One sentence, no stack trace.
      expect(finished.stderr.trim()).toMatch(/^Error: [\d,]+ of [\d,]+ cache commands failed \([\d.]+%\), above the limit of [^\n]*\.$/)
      const result = JSON.parse(readFileSync(out, 'utf8')) as Result
      expect(result.target.commands).toBe('callbacks')
      expect(result.complete).toBe(true)
      expect(result.summary.errorsByKind.connection).toBeGreaterThan(0)
      expect(result.summary.errorsByKind.connection + result.summary.errorsByKind.timeout).toBe(result.summary.errors)
      expect(result.summary.hits).toBeGreaterThan(0)
    } finally {
      await own.stop()
    }
  })
})
