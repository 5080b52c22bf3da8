import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Comparison} from '../../src/compare/comparison.js'
import {cli} from '../helpers/cli.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'

/**
 * Reads only over 1,000 keys: lazy loading misses and fills, and every fill (a SET) is refused by
 * the server's ACL, so half its cache commands fail. Without a cache (`none`) no cache command is
 * sent, so none fails.
 */
const WORKLOAD = `version: 1
name: sets-refused
keyspace: {count: 1000, distribution: uniform}
values: {size: 100B}
mix: {read: 100}
origin: {latency: 0.1ms}
load: {concurrency: 4, operations: 2000, warmup: 0}
`

describe('compare on a server whose cache commands fail in one cell', () => {
  let server: RedisServer
  let file: string
  beforeAll(async () => {
    server = await startRedis({config: ['--user', 'app', 'on', '>secret', '~*', '&*', '+@all', '-set']})
    file = join(mkdtempSync(join(tmpdir(), 'cb-compare-errors-')), 'sets-refused.yaml')
    writeFileSync(file, WORKLOAD)
  })
  afterAll(async () => server?.stop())

  it('exits 4 naming the cell, keeps it in the table with its warning, and leaves it out of the verdict and best marks', async () => {
    const run = await cli(['compare', file, '--strategy', 'none,lazy-loading', '--target', `redis://app:secret@127.0.0.1:${server.port}`, '--json'])
    expect(run.exitCode).toBe(4)
    expect(run.stderr.trim()).toBe(
      'Error: cell lazy-loading: 2,000 of 4,000 cache commands failed (50%), above the limit of 1% (--max-error-ratio): the figures describe a failing cache, not the workload. It is left out of the verdict and the best marks.',
    )
    const comparison = JSON.parse(run.stdout) as Comparison
    const [none, lazy] = comparison.results
    expect(none.errorLimit).toMatchObject({commands: 0, exceeded: false})
    expect(lazy.errorLimit).toEqual({commands: 4000, failed: 2000, ratio: 0.5, maxRatio: 0.01, exceeded: true})
    // Before, compare exited 0 and judged the failing cell with the others.
    expect(comparison.verdict.join(' ')).not.toContain('lazy-loading')
    for (const cells of Object.values(comparison.best)) expect(cells).not.toContain(1)
    // --max-error-ratio raises the limit for every cell, as on run.
    const tolerant = await cli(['compare', file, '--strategy', 'none,lazy-loading', '--target', `redis://app:secret@127.0.0.1:${server.port}`, '--max-error-ratio', '60%', '--json'])
    expect(tolerant.exitCode).toBe(0)
    expect((JSON.parse(tolerant.stdout) as Comparison).verdict.join(' ')).toContain('lazy-loading')
  })
})
