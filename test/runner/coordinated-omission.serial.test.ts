import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {startRedis, type RedisServer} from '../servers/redis-servers.js'
import {testWorkload} from '../helpers/workload.js'
import {secondPassIntervals} from '../helpers/second-pass.js'
import {stallServer} from '../helpers/stall-server.js'

const STALL_MS = 500

describe('coordinated omission on a real redis-server frozen for 500 ms', () => {
  let server: RedisServer
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    server.signal('SIGCONT')
    await server.stop()
  })

  const workload = (load: object) =>
    testWorkload({
      keyspace: {count: 1000, distribution: 'uniform'},
      strategy: {name: 'cache-only'},
      mix: {read: 1, write: 0, delete: 0},
      load: {...load, warmup: {operations: 0}},
    })
  const options = () => ({target: server.url, targetOptions: {timeoutMs: 5000, connections: 1}})

  it('open loop: response time from the intended start shows the stall, service time stays low for most operations', async () => {
    const stall = stallServer(server, 1000, STALL_MS)
    const result = await runWorkload(workload({rate: 2000, operations: 5000}), options())
    await stall
    expect(result.summary.errors).toBe(0)
    // 2000/s × 0.5 s = 1000 of the 5000 starts fell inside the stall; the one due t ms into it
    // waited at least 500 − t ms, so 2000/s × 0.4 s = 800 starts (16%) waited 100 ms or more: p90
    // is at least 100 ms, and p99 (the 50 starts due in the stall's first 25 ms) at least 475 ms.
    expect(result.latencyMs.read!.p90).toBeGreaterThanOrEqual(100)
    expect(result.latencyMs.read!.p99).toBeGreaterThanOrEqual(400)
    expect(result.latencyMs.read!.max).toBeGreaterThanOrEqual(STALL_MS * 0.9)
    // Only the operations sent while the server was frozen waited; the typical one did not: its
    // service time is under a tenth of the stall. (Not a few ms: on a loaded machine the client's
    // own event loop runs late — 45 ms at p99 seen with two CPU burners — and a reply waits for it;
    // the median service time then reached 5.9 ms.)
    expect(result.serviceTimeMs!.read!.p50).toBeLessThan(STALL_MS / 10)
  })

  it('open loop: the timeline counts every operation in the interval of its intended start, so the stall leaves no empty intervals and no burst after it', async () => {
    // 2000/s for 3 s, the first 1,000 as warm-up. Lazy loading over 3,000 sequential keys: the
    // first pass misses, the second (from 1.5 s) hits. The freeze comes after about 2,500
    // operations (a GET and a SET each), so the operations it holds up straddle the second pass's start.
    const keys = 3000
    const operations = 6000
    const warmup = 1000
    const intervalMs = 100
    const before = await keyspaceCounts(server)
    const stall = stallServer(server, 5000, STALL_MS)
    const result = await runWorkload(
      testWorkload({
        keyspace: {count: keys, distribution: 'sequential'},
        mix: {read: 1, write: 0, delete: 0},
        origin: {latency: {distribution: 'fixed', ms: 1}},
        load: {rate: 2000, operations, warmup: {operations: warmup}},
      }),
      {...options(), intervalMs},
    )
    await stall
    // The server's own count: every read of the first pass missed and every later one hit, the
    // premise of the expected intervals (each second-pass GET came after its key's first-pass SET).
    const after = await keyspaceCounts(server)
    expect([after.hits - before.hits, after.misses - before.misses]).toEqual([operations - keys, keys])
    expect(result.summary.errors).toBe(0)
    const expected = secondPassIntervals({operations, warmup, keys, startMs: (i) => i / 2, intervalMs})
    expect(expected.every((interval) => interval.operations === 200)).toBe(true)
    const timeline = result.timeline.map((point) => ({operations: point.operations, hits: Math.round((point.hitRatio ?? 0) * (point.reads ?? 0))}))
    expect(timeline).toEqual(expected)
    // The stall shows where it belongs: in the response times of the operations it held up.
    expect(Math.max(...result.timeline.map((point) => point.readP99 ?? 0))).toBeGreaterThanOrEqual(STALL_MS * 0.9)
  })

  it('closed loop: the same stall hides in the percentiles, because only the few operations in flight waited', async () => {
    const stall = stallServer(server, 1000, STALL_MS)
    const result = await runWorkload(workload({concurrency: 4, durationMs: 2000, operations: null}), options())
    await stall
    // Four slots, one stalled operation each: with over 800 reads (twice 4 / 1%) fewer than 1% of
    // them waited, so p99 stays well below the stall (half of it: room for a loaded machine's
    // scheduling delays), and max shows it.
    expect(result.summary.operations).toBeGreaterThan(800)
    expect(result.latencyMs.read!.p99).toBeLessThan(STALL_MS / 2)
    expect(result.latencyMs.read!.max).toBeGreaterThanOrEqual(STALL_MS * 0.9)
    // …and the result points to the open loop that would show it.
    expect(result.warnings.some((warning) => /^the slowest read took .*closed loop stops sending.*--rate/.test(warning))).toBe(true)
  })
})

/** GETs that found their key and GETs that did not, as the server counts them. */
async function keyspaceCounts(server: RedisServer): Promise<{hits: number; misses: number}> {
  const stats = await server.cli('INFO', 'stats')
  return {hits: Number(/keyspace_hits:(\d+)/.exec(stats)?.[1]), misses: Number(/keyspace_misses:(\d+)/.exec(stats)?.[1])}
}
