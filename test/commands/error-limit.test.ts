import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {parseShard} from '../../src/cli/scale-flags.js'
import {loadWorkloadOrTrace} from '../../src/cli/trace-flags.js'
import {runOutcome} from '../../src/cli/run-outcome.js'
import {mergeResults} from '../../src/merge/merge-results.js'
import {readResultFiles} from '../../src/merge/read-parts.js'
import {parseMaxErrorRatio, withErrorLimit} from '../../src/metrics/error-limit.js'
import {writeJsonFile} from '../../src/report/json.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {cli, type CliRun} from '../helpers/cli.js'
import {inProcess} from '../helpers/in-process.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'
import {onClient, REDIS_CLIENTS, type RedisClientName} from '../helpers/redis-clients.js'

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

const SENTENCE = '2,000 of 4,000 cache commands failed (50%), above the limit of 1% (--max-error-ratio): the figures describe a failing cache, not the workload.'

/**
 * What `run` or `merge` ends with for a result judged against `maxErrorRatio` (flag text as
 * given): the JSON on stdout, the outcome's sentence on stderr and its exit code, or exit 2 and
 * the sentence of a refused flag. Done in this process, with the functions the commands call,
 * for the variations the command itself is not started for.
 */
function judged(result: () => Promise<Result>, maxErrorRatio = '0.01'): Promise<CliRun> {
  return inProcess(async () => {
    const judgedResult = withErrorLimit(await result(), parseMaxErrorRatio(maxErrorRatio))
    const outcome = runOutcome(judgedResult)
    return {exitCode: outcome.exitCode, stdout: JSON.stringify(judgedResult), stderr: outcome.sentence === undefined ? '' : `Error: ${outcome.sentence}\n`}
  })
}

/** `run file [--target url] [--shard i/n] --max-error-ratio R --json`: through the command for the first client, in this process otherwise. */
function runJudged(client: RedisClientName, url: string | undefined, maxErrorRatio?: string, shard?: string): Promise<CliRun> {
  if (client === REDIS_CLIENTS[0]) {
    const flags = [...(url ? ['--target', url] : []), ...(shard ? ['--shard', shard] : []), ...(maxErrorRatio ? ['--max-error-ratio', maxErrorRatio] : [])]
    return cli(['run', file, ...flags, '--json'])
  }
  return judged(() => runWorkload(loadWorkloadOrTrace(file, {}), {target: url, part: shard ? parseShard(shard) : undefined}), maxErrorRatio)
}

let file: string
beforeAll(() => {
  file = join(mkdtempSync(join(tmpdir(), 'cb-error-limit-')), 'sets-refused.yaml')
  writeFileSync(file, WORKLOAD)
})

describe.each(REDIS_CLIENTS)('a run whose cache commands fail, %s client', (client) => {
  let server: RedisServer
  let url: string

  beforeAll(async () => {
    server = await startRedis({config: ['--user', 'app', 'on', '>secret', '~*', '&*', '+@all', '-set']})
    url = onClient(`redis://app:secret@127.0.0.1:${server.port}`, client)
  })
  afterAll(async () => server?.stop())

  it('above the default 1% of failed commands exits 4 with one sentence, and the result says why', async () => {
    const run = await runJudged(client, url)
    expect(run.exitCode).toBe(4)
    const result = JSON.parse(run.stdout) as Result
    expect(result.summary.errors).toBe(READS)
    // Refused by the server's ACL: an error reply, so every failure is of the server kind.
    expect(result.summary.errorsByKind).toEqual({timeout: 0, connection: 0, server: READS})
    expect(result.errorLimit).toEqual({commands: 2 * READS, failed: READS, ratio: 0.5, maxRatio: 0.01, exceeded: true})
    expect(result.warnings).toContain(SENTENCE)
    // The failures by message, counted as every other figure in a sentence is.
    expect(result.warnings.filter((warning) => warning.startsWith('2,000 cache commands failed: '))).toHaveLength(1)
    expect(run.stderr.trim()).toBe(`Error: ${SENTENCE}`)
    // cache.maxItems sizes the built-in engine; on a server it is ignored, and the result says so.
    expect(result.warnings).toContain(
      "cache.maxItems applies to the built-in engine only and was ignored: evictions on redis follow the server's own memory limit (Redis maxmemory, memcached -m).",
    )
  })

  it('--max-error-ratio raises the limit (as a fraction or a percentage) and a bad value is refused naming the flag', async () => {
    const tolerant = await runJudged(client, url, '60%')
    expect(tolerant.exitCode).toBe(0)
    expect((JSON.parse(tolerant.stdout) as Result).errorLimit).toMatchObject({ratio: 0.5, maxRatio: 0.6, exceeded: false})
    // The flag is read before the run starts: no target needed to refuse it.
    const bad = client === REDIS_CLIENTS[0] ? await cli(['run', file, '--max-error-ratio', '1.5']) : await judged(async () => ({}) as Result, '1.5')
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr.trim()).toBe('Error: --max-error-ratio must be a fraction between 0 and 1 or a percentage, e.g. 0.05 or 5% (got "1.5").')
  })

  // Two shard runs, then merges: the default limit through the command, the other limits through
  // the functions merge calls (the first case shows how the outcome reaches the terminal).
  it('merge applies the limit to the merged counts: exit 4, the sentence, errorLimit in the merged result', async () => {
    const shards = ['1/2', '2/2'].map((shard) => join(file, '..', `${client}-shard-${shard[0]}.json`))
    const runs = await Promise.all(shards.map((_, index) => runJudged(client, url, '60%', `${index + 1}/2`)))
    for (const [index, run] of runs.entries()) {
      expect(run.exitCode, run.stderr).toBe(0)
      await writeJsonFile(shards[index], JSON.parse(run.stdout))
    }
    // Each shard makes half the reads, every one a get that succeeds and a set that fails.
    const merge = async (): Promise<Result> => mergeResults(await readResultFiles(shards))
    const merged = client === REDIS_CLIENTS[0] ? await cli(['merge', ...shards, '--json']) : await judged(merge)
    expect(merged.exitCode).toBe(4)
    const result = JSON.parse(merged.stdout) as Result
    expect(result.errorLimit).toEqual({commands: 2 * READS, failed: READS, ratio: 0.5, maxRatio: 0.01, exceeded: true})
    expect(result.warnings[0]).toBe(SENTENCE)
    expect(merged.stderr.trim()).toBe(`Error: ${SENTENCE}`)
    const [tolerant, bad] = await Promise.all([judged(merge, '0.6'), judged(merge, 'lots')])
    expect(tolerant.exitCode).toBe(0)
    expect((JSON.parse(tolerant.stdout) as Result).errorLimit).toEqual({commands: 2 * READS, failed: READS, ratio: 0.5, maxRatio: 0.6, exceeded: false})
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr.trim()).toBe('Error: --max-error-ratio must be a fraction between 0 and 1 or a percentage, e.g. 0.05 or 5% (got "lots").')
  })
})

it('on the built-in engine nothing fails and the run passes the limit', async () => {
  const run = await runJudged(REDIS_CLIENTS[0], undefined)
  expect(run.exitCode).toBe(0)
  expect((JSON.parse(run.stdout) as Result).errorLimit).toMatchObject({failed: 0, ratio: 0, exceeded: false})
})
