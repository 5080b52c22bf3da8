import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {startRedis, type RedisServer} from '../servers/redis-servers.js'
import {testWorkload} from '../helpers/workload.js'

const STALL_MS = 500

/** Freezes the server for STALL_MS once `afterMs` of the run have passed. */
function stallServer(server: RedisServer, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      server.signal('SIGSTOP')
      setTimeout(() => {
        server.signal('SIGCONT')
        resolve()
      }, STALL_MS)
    }, afterMs)
  })
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
    const stall = stallServer(server, 700)
    const result = await runWorkload(workload({rate: 2000, operations: 5000}), options())
    await stall
    const scheduledInStall = (STALL_MS / 1000) * 2000
    // 1000 of 5000 starts fell inside the stall: far more than 1%, so p99 must show it.
    expect(scheduledInStall / 5000).toBeGreaterThan(0.01)
    expect(result.summary.errors).toBe(0)
    expect(result.latencyMs.read!.p99).toBeGreaterThanOrEqual(400)
    expect(result.latencyMs.read!.max).toBeGreaterThanOrEqual(STALL_MS * 0.9)
    // Only the operations sent while the server was frozen waited; the typical one did not.
    expect(result.serviceTimeMs!.read!.p50).toBeLessThan(10)
  })

  it('closed loop: the same stall hides in the percentiles, because only the few operations in flight waited', async () => {
    const stall = stallServer(server, 700)
    const result = await runWorkload(workload({concurrency: 4, durationMs: 2000, operations: null}), options())
    await stall
    // Four slots, one stalled operation each, among tens of thousands: p99 stays low, max shows it.
    expect(result.summary.operations).toBeGreaterThan(2000)
    expect(result.latencyMs.read!.p99).toBeLessThan(100)
    expect(result.latencyMs.read!.max).toBeGreaterThanOrEqual(STALL_MS * 0.9)
    // …and the result points to the open loop that would show it.
    expect(result.warnings.some((warning) => /^the slowest read took .*closed loop stops sending.*--rate/.test(warning))).toBe(true)
  })
})
