import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runInWorkers} from '../../src/runner/workers/run-in-workers.js'
import {startRedis, type RedisServer} from '../servers/redis-servers.js'
import {testWorkload} from '../helpers/workload.js'

const RATE = 2000
const DURATION_MS = 1500
const WARMUP_MS = 250
const PREFIX = 'cbw:'

describe('--workers 2 on an open loop against a real redis-server', () => {
  let server: RedisServer
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('splits one schedule between the workers: their starts and drops add up to its arrivals', async () => {
    const workload = testWorkload({
      keyspace: {count: 2000, distribution: 'uniform'},
      mix: {read: 80, write: 20, delete: 0},
      strategy: {name: 'lazy-loading'},
      origin: {latency: {distribution: 'fixed', ms: 0.2}},
      load: {rate: RATE, arrival: 'constant', durationMs: DURATION_MS, operations: null, warmup: {durationMs: WARMUP_MS}, maxInFlight: 10_000},
    })
    // A loaded machine may stall a worker for a while: a generous command timeout keeps that from
    // turning into errors, which this test is not about.
    const result = await runInWorkers(workload, {target: server.url, targetOptions: {keyPrefix: PREFIX, keepKeys: true, timeoutMs: 10_000}}, 2)
    // Constant gaps of 1000/RATE ms from 0 up to (not including) the duration: first principles,
    // whichever worker owns each arrival's key.
    const arrivals = (DURATION_MS * RATE) / 1000
    const warmupArrivals = (WARMUP_MS * RATE) / 1000
    expect(result.workers).toBe(2)
    expect(result.load.mode).toBe('open')
    expect(result.load.operations).toBe(arrivals)
    expect(result.summary.operations + result.load.dropped).toBe(arrivals - warmupArrivals)
    expect(result.load.warmupOperations).toBe(warmupArrivals)
    // Late starts are counted over both workers' measured starts, never beyond them.
    expect(Number.isInteger(result.load.lateStarts)).toBe(true)
    expect(result.load.lateStarts).toBeGreaterThanOrEqual(0)
    expect(result.load.lateStarts).toBeLessThanOrEqual(result.summary.operations)
    const {reads, writes, deletes, hits, misses, errors} = result.summary
    expect(errors).toBe(0)
    expect(reads + writes + deletes).toBe(result.summary.operations)
    expect(hits + misses).toBe(reads)
    // Both workers wrote: worker j owns the keys whose id is j modulo 2 (odd and even ids).
    const keys = (await server.cli('--scan', '--pattern', `${PREFIX}k:*`)).split('\n').filter(Boolean)
    const parities = new Set(keys.map((key) => Number(key.slice(`${PREFIX}k:`.length)) % 2))
    expect(parities).toEqual(new Set([0, 1]))
  })
})
