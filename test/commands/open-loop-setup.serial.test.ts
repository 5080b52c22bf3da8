import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'

/**
 * Five million zipfian keys: the per-key tables and the zipfian constant take seconds to prepare
 * before the first operation can be sent.
 */
const WORKLOAD = `version: 1
name: big-keyspace
keyspace: {count: 5000000, distribution: zipfian}
values: {size: 100B}
mix: {read: 100}
strategy: {name: cache-only}
load: {operations: 2000, warmup: 0, rate: 2k/s}
`

describe('the open loop starts its schedule when the load can start', () => {
  let server: RedisServer
  let file: string
  beforeAll(async () => {
    server = await startRedis()
    file = join(mkdtempSync(join(tmpdir(), 'cb-setup-')), 'big-keyspace.yaml')
    writeFileSync(file, WORKLOAD)
  })
  afterAll(async () => server?.stop())

  it('set-up is reported on its own and is in no response time', async () => {
    const run = await cli(['run', file, '--target', server.url, '--json'])
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    const setupMs = result.setupMs as number
    // Allocating tables for 5M keys and summing 5M zeta terms cannot take less than this.
    expect(setupMs).toBeGreaterThan(100)
    expect(result.wallMs).toBeGreaterThan(setupMs)
    // Had the schedule started before the set-up, even the first operation would have been
    // set-up time late, and so would every response time (the fastest one included).
    expect(result.latencyMs.read!.min).toBeLessThan(setupMs / 2)
  })
})
