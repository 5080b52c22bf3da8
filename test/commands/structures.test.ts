import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ExitCode} from '../../src/errors.js'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'
import {type MemcachedServer, startMemcached} from '../servers/memcached-servers.js'

describe('cache-bench run with data-structure operations', () => {
  let memcached: MemcachedServer
  beforeAll(async () => {
    memcached = await startMemcached()
  })
  afterAll(async () => {
    await memcached?.stop()
  })

  it('runs a bundled feed workload and reports each operation in the result', async () => {
    const run = await cli(['run', 'dashboard-feed', '--operations', '3000', '--warmup', '500', '--json'])
    expect(run.exitCode).toBe(ExitCode.ok)
    const result = JSON.parse(run.stdout) as Result
    const {lpush, lrange, zincrby} = result.summary.structures
    expect(lpush + lrange).toBe(2_500)
    expect(zincrby).toBe(0)
    expect(result.latencyMs.lpush?.count).toBe(lpush)
    expect(result.latencyMs.lrange?.count).toBe(lrange)
    // Every builtin command takes the workload's modelled 200us.
    expect(result.thresholds).toEqual([{expression: 'lrange.p99 < 10ms', actual: expect.closeTo(0.2, 6), pass: true}])
  })

  it('shows the structure operations in an 80-column terminal report', async () => {
    const run = await cli(['run', 'leaderboard', '--operations', '2000', '--warmup', '0'], {env: {COLUMNS: '80'}})
    expect(run.exitCode).toBe(ExitCode.ok)
    for (const name of ['zincrby', 'zrevrange', 'zrank']) expect(run.stdout).toMatch(new RegExp(`│ ${name} +│`))
    expect(run.stdout).not.toMatch(/│ read +│/)
    expect(run.stdout).toMatch(/2,000 on data\s+structures/)
    for (const line of run.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80)
  })

  it('refuses them on memcached:// with exit code 2 and one sentence naming the operation', async () => {
    const run = await cli(['run', 'session-store-hash', '--target', memcached.url])
    expect(run.exitCode).toBe(ExitCode.badInput)
    expect(run.stderr).toContain('memcached:// does not support hset (a Redis hash operation); use redis://, redis-cluster:// or builtin://.')
    expect(run.stdout).toBe('')
    expect(Number((await memcached.stats()).curr_items)).toBe(0)
  })
})
