import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'
import {onClient, REDIS_CLIENTS} from '../helpers/redis-clients.js'

const READS = 2000

/**
 * Reads only, lazy loading, no TTL: every read misses and tries to fill the key. The server's
 * user may run every command but SET, so every fill fails: READS gets that succeed and READS
 * sets that fail, an error ratio of exactly one half.
 */
const WORKLOAD = `version: 1
name: sets-refused
keyspace: {count: 1000, distribution: uniform}
values: {size: 100B}
mix: {read: 100}
strategy: {name: lazy-loading}
origin: {latency: 0.1ms}
cache: {maxItems: 500}
load: {concurrency: 4, operations: ${READS}, warmup: 0}
`

describe.each(REDIS_CLIENTS)('a run whose cache commands fail, %s client', (client) => {
  let server: RedisServer
  let file: string
  let url: string

  beforeAll(async () => {
    server = await startRedis({config: ['--user', 'app', 'on', '>secret', '~*', '&*', '+@all', '-set']})
    url = onClient(`redis://app:secret@127.0.0.1:${server.port}`, client)
    file = join(mkdtempSync(join(tmpdir(), 'cb-error-limit-')), 'sets-refused.yaml')
    writeFileSync(file, WORKLOAD)
  })
  afterAll(async () => server?.stop())

  it('above the default 1% of failed commands exits 4 with one sentence, and the result says why', async () => {
    const run = await cli(['run', file, '--target', url, '--json'])
    expect(run.exitCode).toBe(4)
    const result = JSON.parse(run.stdout) as Result
    expect(result.summary.errors).toBe(READS)
    // Refused by the server's ACL: an error reply, so every failure is of the server kind.
    expect(result.summary.errorsByKind).toEqual({timeout: 0, connection: 0, server: READS})
    expect(result.errorLimit).toEqual({commands: 2 * READS, failed: READS, ratio: 0.5, maxRatio: 0.01, exceeded: true})
    const sentence = '2,000 of 4,000 cache commands failed (50%), above the limit of 1% (--max-error-ratio): the figures describe a failing cache, not the workload.'
    expect(result.warnings).toContain(sentence)
    expect(run.stderr.trim()).toBe(`Error: ${sentence}`)
    // cache.maxItems sizes the built-in engine; on a server it is ignored, and the result says so.
    expect(result.warnings).toContain(
      "cache.maxItems applies to the built-in engine only and was ignored: evictions on redis follow the server's own memory limit (Redis maxmemory, memcached -m).",
    )
  })

  it('--max-error-ratio raises the limit (as a fraction or a percentage) and a bad value is refused naming the flag', async () => {
    const tolerant = await cli(['run', file, '--target', url, '--max-error-ratio', '60%', '--json'])
    expect(tolerant.exitCode).toBe(0)
    expect((JSON.parse(tolerant.stdout) as Result).errorLimit).toMatchObject({ratio: 0.5, maxRatio: 0.6, exceeded: false})
    const bad = await cli(['run', file, '--max-error-ratio', '1.5'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr.trim()).toBe('Error: --max-error-ratio must be a fraction between 0 and 1 or a percentage, e.g. 0.05 or 5% (got "1.5").')
  })

  // Two runs, then three merges side by side: more than one command's time on a loaded machine.
  it('merge applies the limit to the merged counts: exit 4, the sentence, errorLimit in the merged result', async () => {
    const shards = ['1/2', '2/2'].map((shard) => join(file, '..', `shard-${shard[0]}.json`))
    const runs = await Promise.all(
      shards.map((out, index) => cli(['run', file, '--target', url, '--shard', `${index + 1}/2`, '--max-error-ratio', '60%', '--out', out])),
    )
    for (const run of runs) expect(run.exitCode, run.stderr).toBe(0)
    // Each shard makes half the reads, every one a get that succeeds and a set that fails.
    const [merged, tolerant, bad] = await Promise.all([
      cli(['merge', ...shards, '--json']),
      cli(['merge', ...shards, '--max-error-ratio', '0.6', '--json']),
      cli(['merge', ...shards, '--max-error-ratio', 'lots']),
    ])
    expect(merged.exitCode).toBe(4)
    const result = JSON.parse(merged.stdout) as Result
    expect(result.errorLimit).toEqual({commands: 2 * READS, failed: READS, ratio: 0.5, maxRatio: 0.01, exceeded: true})
    const sentence = '2,000 of 4,000 cache commands failed (50%), above the limit of 1% (--max-error-ratio): the figures describe a failing cache, not the workload.'
    expect(result.warnings[0]).toBe(sentence)
    expect(merged.stderr.trim()).toBe(`Error: ${sentence}`)
    expect(tolerant.exitCode).toBe(0)
    expect((JSON.parse(tolerant.stdout) as Result).errorLimit).toEqual({commands: 2 * READS, failed: READS, ratio: 0.5, maxRatio: 0.6, exceeded: false})
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr.trim()).toBe('Error: --max-error-ratio must be a fraction between 0 and 1 or a percentage, e.g. 0.05 or 5% (got "lots").')
  }, 120_000)

  it('on the built-in engine nothing fails and the run passes the limit', async () => {
    const run = await cli(['run', file, '--json'])
    expect(run.exitCode).toBe(0)
    expect((JSON.parse(run.stdout) as Result).errorLimit).toMatchObject({failed: 0, ratio: 0, exceeded: false})
  })
})
