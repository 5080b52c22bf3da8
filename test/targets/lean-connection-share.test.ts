import {Socket} from 'node:net'
import {describe, expect, it, vi} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'
import {redisAndMemcachedForFile} from '../servers/redis-and-memcached.js'

const CONNECTIONS = 4
const PIPELINE = 8
const OPERATIONS = 3000

/** Cache-only reads with a full pipeline on every connection: CONNECTIONS × PIPELINE in flight, one GET per operation. */
const READS = testWorkload({
  keyspace: {count: 500, distribution: 'uniform'},
  mix: {read: 1, write: 0, delete: 0},
  strategy: {name: 'cache-only'},
  load: {concurrency: CONNECTIONS * PIPELINE, operations: OPERATIONS, warmup: {operations: 0}},
})

/** The GETs written on each client socket, and the largest number in one write. */
interface Spread {
  perSocket: number[]
  largestWrite: number
}

/** Runs the reads with every socket write watched: `gets` counts the GET commands in one chunk. */
async function spreadOf(url: string, engine: 'async' | undefined, gets: (chunk: string) => number): Promise<Spread> {
  const writes = vi.spyOn(Socket.prototype, 'write')
  try {
    const result = await runWorkload(READS, {target: url, engine, targetOptions: {connections: CONNECTIONS, pipeline: PIPELINE, ownKeyspace: true}})
    expect(result.summary.operations).toBe(OPERATIONS)
    expect(result.target.commands).toBe(engine === 'async' ? 'promises' : 'callbacks')
    const perSocket = new Map<unknown, number>()
    let largestWrite = 0
    writes.mock.calls.forEach(([chunk], i) => {
      const count = gets(String(chunk))
      if (count === 0) return
      const socket = writes.mock.contexts[i]
      perSocket.set(socket, (perSocket.get(socket) ?? 0) + count)
      largestWrite = Math.max(largestWrite, count)
    })
    return {perSocket: [...perSocket.values()], largestWrite}
  } finally {
    writes.mockRestore()
  }
}

/**
 * Each connection keeps its share: PIPELINE commands in flight, as redis-benchmark -c/-P and
 * memaslap keep theirs. (The connection that answered last used to draw every later command, so
 * a run's whole load went over the one that answered the set-up's last reply.) Equal shares in
 * flight are not equal totals: a connection the server and client happen to serve first turns
 * its commands round faster (memcached, 4 × 8 in flight: totals of 568 to 944 of 3000 seen, and
 * 193 once on a busy machine), so each total is only held above a fifth of a share: the fault
 * this guards against left every connection but one with none.
 */
function expectEvenShares(spread: Spread): void {
  const share = OPERATIONS / CONNECTIONS
  expect(spread.perSocket.reduce((sum, count) => sum + count, 0)).toBe(OPERATIONS)
  expect(spread.perSocket).toHaveLength(CONNECTIONS)
  for (const count of spread.perSocket) expect(count).toBeGreaterThan(share * 0.2)
  expect(spread.largestWrite).toBeLessThanOrEqual(PIPELINE)
}

const redisGets = (chunk: string): number => (chunk.match(/\*2\r\n\$3\r\nGET\r\n/g) ?? []).length
const memcachedGets = (chunk: string): number => (chunk.match(/(^|\n)mg /g) ?? []).length

describe('lean clients share the load over their connections', () => {
  const servers = redisAndMemcachedForFile()

  for (const engine of [undefined, 'async'] as const) {
    const path = engine === 'async' ? 'promise' : 'callback'
    it(`Redis, on the ${path} path: every connection carries a share of the GETs, at most --pipeline per write`, async () => {
      expectEvenShares(await spreadOf(`${servers.redis.url}?client=lean`, engine, redisGets))
    })

    it(`Memcached, on the ${path} path: every connection carries a share of the GETs, at most --pipeline per write`, async () => {
      expectEvenShares(await spreadOf(`${servers.memcached.url}?client=lean`, engine, memcachedGets))
    })
  }
})
