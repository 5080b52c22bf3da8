import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {cli} from '../helpers/cli.js'
import {redisForFile} from '../servers/redis-and-memcached.js'
import {traceDir, twitterLines, writeTrace, type Request} from './fixtures.js'

/**
 * A replay reads its trace once, so a malformed record past the start is met while the load
 * runs: the run stops as bad input naming file:line, and on a real server deletes what it wrote.
 */
const dir = traceDir()
const servers = redisForFile()

/** Line of the malformed record: requests before it are replayed (writes among them). */
const BAD_LINE = 2_001

/** 3,000 requests over 200 keys, every fifth a set. */
const REQUESTS: Request[] = Array.from({length: 3_000}, (_, index) => ({timeS: index, key: `k${(index * 7) % 200}`, valueBytes: 100, command: index % 5 === 0 ? 'set' : 'get', ttl: 0}))

/** The trace with line BAD_LINE cut to too few fields. */
function traceWithBadLine(name: string): string {
  const requests = REQUESTS
  const lines = twitterLines(requests).split('\n')
  lines[BAD_LINE - 1] = '1999,k1,2'
  return writeTrace(dir, name, lines.join('\n'))
}

function workloadFile(name: string, trace: string): string {
  const file = join(dir, name)
  writeFileSync(file, `version: 1\ntrace: {file: ${trace}, format: twitter, speed: max}\nstrategy: {name: lazy-loading}\nload: {concurrency: 1}\n`)
  return file
}

/** A stack trace's frames, which bad input must never print. */
const STACK_FRAME = /^\s+at /m

describe('a malformed record met after the load started', () => {
  it('on builtin://: the run stops after the load started, as bad input naming file:line; the command exits 2 with one sentence', async () => {
    const trace = traceWithBadLine('builtin-bad.csv')
    const file = workloadFile('builtin-bad.yaml', trace)
    let loadStarted = false
    const error = await runWorkload(loadWorkload(file), {onLoadStart: () => (loadStarted = true)}).catch((caught: unknown) => caught)
    expect(loadStarted).toBe(true)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain(`${trace}:${BAD_LINE}: malformed twitter record`)

    const run = await cli(['run', file, '--json'])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`${trace}:${BAD_LINE}: malformed twitter record: expected 7 comma-separated fields`)
    expect(run.stderr).not.toMatch(STACK_FRAME)
  })

  it('on a real redis-server: exit 2 naming file:line, and the keys the run wrote before it are deleted', async () => {
    const trace = traceWithBadLine('redis-bad.csv')
    const file = workloadFile('redis-bad.yaml', trace)
    const target = servers.redis.url
    const keys = async (prefix: string) => (await servers.redis.cli('--scan', '--pattern', `${prefix}*`)).split('\n').filter((line) => line !== '')

    // Kept: shows what the replay wrote before the bad line. Lazy loading fills each key it reads
    // (writes go to the origin only): the keys of the gets before that line.
    const filled = new Set(REQUESTS.slice(0, BAD_LINE - 1).filter((request) => request.command === 'get').map((request) => request.key))
    expect(filled.size).toBeGreaterThan(100)
    const kept = await cli(['run', file, '--target', target, '--key-prefix', 'cbtest:kept:', '--keep-keys', '--json'])
    expect(kept.exitCode).toBe(2)
    expect(kept.stderr).toContain(`${trace}:${BAD_LINE}: malformed twitter record`)
    expect(await keys('cbtest:kept:')).toHaveLength(filled.size)

    const cleaned = await cli(['run', file, '--target', target, '--key-prefix', 'cbtest:bad:', '--json'])
    expect(cleaned.exitCode).toBe(2)
    expect(cleaned.stdout).toBe('')
    expect(cleaned.stderr).toContain(`${trace}:${BAD_LINE}: malformed twitter record: expected 7 comma-separated fields`)
    expect(cleaned.stderr).not.toMatch(STACK_FRAME)
    expect(await keys('cbtest:bad:')).toEqual([])
  })
})

describe('a damaged timestamp that puts a request years after the one before', () => {
  // Seconds, with one timestamp in milliseconds: the paced replay's next request would be due
  // 54,000 years later. In simulated time that was a run of meaningless per-second figures
  // (duration 471750000h, exit 0); on a server, a wait that never ends.
  // The second request is the damaged one, so that a replay on a server (paced in real time) meets it at once.
  const glitch = (): string => {
    const lines = twitterLines(REQUESTS.slice(1, 1_001)).split('\n')
    lines[1] = lines[1].replace(/^\d+/, '1700000000005')
    return writeTrace(dir, 'glitch.csv', lines.join('\n'))
  }

  it('stops the paced replay as bad input naming the request, on builtin:// and on a server (its keys deleted)', async () => {
    const trace = glitch()
    // 1,700,000,000,004 s after the first request: 53,870 years of 365.25 days.
    const sentence = `Error: ${trace}: request 2 is due 53,870 years into the replay at speed 1, more than the year a replay may last: a damaged timestamp? Correct it, or replay the trace back to back (--trace-speed max, or trace: {speed: max} in a workload file).`
    const simulated = await cli(['run', '--trace', trace, '--trace-format', 'twitter', '--json'])
    expect(simulated.exitCode).toBe(2)
    expect(simulated.stdout).toBe('')
    expect(simulated.stderr.trim()).toBe(sentence)
    const onServer = await cli(['run', '--trace', trace, '--trace-format', 'twitter', '--target', servers.redis.url, '--key-prefix', 'cbtest:glitch:', '--json'])
    expect(onServer.exitCode).toBe(2)
    expect(onServer.stderr.trim()).toBe(sentence)
    expect((await servers.redis.cli('--scan', '--pattern', 'cbtest:glitch:*')).trim()).toBe('')
    // Back to back, the timestamps set no pace: the same trace replays.
    const file = workloadFile('glitch-max.yaml', trace)
    const backToBack = await cli(['run', file, '--json'])
    expect(backToBack.exitCode).toBe(0)
    expect(JSON.parse(backToBack.stdout).summary.operations).toBe(1_000)
  })
})
