import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {onClient, REDIS_CLIENTS} from '../helpers/redis-clients.js'
import {waitFor} from '../helpers/wait-for.js'
import {testWorkload} from '../helpers/workload.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'

const TIMEOUT_MS = 200
const RUN_MS = 3000

/** Reads and writes of 500 keys for RUN_MS, four at a time. */
const WORKLOAD = testWorkload({
  keyspace: {count: 500, distribution: 'uniform'},
  mix: {read: 0.8, write: 0.2, delete: 0},
  origin: {latency: {distribution: 'fixed', ms: 0.1}},
  load: {concurrency: 4, operations: null, durationMs: RUN_MS, warmup: {operations: 0}},
})

describe.each(REDIS_CLIENTS)('a redis-server frozen mid-run, %s client', (client) => {
  let server: RedisServer
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    server?.signal('SIGCONT')
    await server?.stop()
  })

  it('commands in flight and sent afterwards fail as timeouts within --timeout; the run ends on time with a complete result', async () => {
    const run = runWorkload(WORKLOAD, {target: onClient(server.url, client), targetOptions: {timeoutMs: TIMEOUT_MS, pipeline: 4}})
    await waitFor(async () => Number(await server.cli('DBSIZE')) >= 100, 'the server to hold 100 keys')
    // Frozen for the rest of the run: the kernel still takes the commands, nothing answers them.
    await server.freeze()
    const result = await run
    server.signal('SIGCONT')
    expect(result.target.client).toBe(client)
    expect(result.summary.errorsByKind.timeout).toBeGreaterThan(0)
    expect(result.summary.errorsByKind.server).toBe(0)
    expect(result.summary.errors).toBe(result.summary.errorsByKind.timeout + result.summary.errorsByKind.connection)
    // Reads before the freeze were answered from the cache.
    expect(result.summary.hits).toBeGreaterThan(0)
    // No failed command waited much beyond its timeout.
    expect(result.latencyMs['cache.get']?.max ?? 0).toBeLessThan(TIMEOUT_MS + 1000)
    expect(result.warnings.some((warning) => warning.includes('Could not delete the keys'))).toBe(true)
  })
})
