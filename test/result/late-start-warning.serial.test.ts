import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {startRedis, type RedisServer} from '../servers/redis-servers.js'
import {testWorkload} from '../helpers/workload.js'

const RATE = 2000
const DURATION_MS = 1000
const BLOCK_MS = 200

const openLoop = () =>
  testWorkload({
    keyspace: {count: 1000, distribution: 'uniform'},
    strategy: {name: 'cache-only'},
    load: {rate: RATE, operations: null, durationMs: DURATION_MS, warmup: {operations: 0}},
  })

const lateWarning = (warnings: string[]) => warnings.find((warning) => warning.includes('after their intended time'))

describe('a warning when the load generator itself fell behind an open loop’s schedule', () => {
  let server: RedisServer
  beforeAll(async () => {
    server = await startRedis()
  })
  afterAll(async () => {
    await server.stop()
  })

  it('names the late starts when the client’s own thread was held up for 200 ms', async () => {
    // The load's own thread is busy for 200 ms soon after the schedule starts, as a GC pause or a
    // descheduled process would hold it: every start due in that window leaves late.
    const result = await runWorkload(openLoop(), {
      target: server.url,
      onLoadStart: () => {
        setTimeout(() => {
          const until = performance.now() + BLOCK_MS
          while (performance.now() < until) {
            // busy
          }
        }, 50)
      },
    })
    expect(result.summary.errors).toBe(0)
    // 2,000 starts a second: those due in the block's first 199 ms waited over 1 ms, at least 398
    // of the 2,000 (20%), whatever else the machine was doing.
    expect(result.load.lateStarts).toBeGreaterThanOrEqual(((BLOCK_MS - 1) * RATE) / 1000)
    const warning = lateWarning(result.warnings)
    expect(warning).toBeDefined()
    expect(warning).toContain(`${result.load.lateStarts.toLocaleString('en-US')} of ${result.summary.operations.toLocaleString('en-US')} measured operations`)
  })

  it('says nothing on the built-in target, whose simulated starts are never late', async () => {
    const result = await runWorkload(openLoop(), {})
    expect(result.summary.operations).toBe((RATE * DURATION_MS) / 1000)
    expect(result.load.lateStarts).toBe(0)
    expect(lateWarning(result.warnings)).toBeUndefined()
  })
})
