import {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {startRedis, type RedisServer} from '../servers/redis-servers.js'
import {testWorkload} from '../helpers/workload.js'
import {waitFor} from '../helpers/wait-for.js'

const STALL_MS = 500

/**
 * Freezes the server for STALL_MS once it has processed `afterCommands` commands of the run (a
 * readiness signal: start-up under load takes however long it takes), then lets it go on.
 */
async function stallServer(server: RedisServer, afterCommands: number): Promise<void> {
  // One connection polled every 20 ms: cheaper than a redis-cli process per look.
  const inspector = new Redis({host: '127.0.0.1', port: server.port, lazyConnect: true, maxRetriesPerRequest: 0})
  await inspector.connect()
  try {
    const processed = async () => Number(/total_commands_processed:(\d+)/.exec(await inspector.info('stats'))?.[1] ?? 0)
    const before = await processed()
    await waitFor(async () => (await processed()) >= before + afterCommands, `redis to process ${afterCommands} commands`)
  } finally {
    inspector.disconnect()
  }
  await server.freeze()
  await new Promise((resolve) => setTimeout(resolve, STALL_MS))
  server.signal('SIGCONT')
}

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
    const stall = stallServer(server, 1000)
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

  it('closed loop: the same stall hides in the percentiles, because only the few operations in flight waited', async () => {
    const stall = stallServer(server, 1000)
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
