import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {startCli} from '../helpers/cli.js'
import {waitFor} from '../helpers/wait-for.js'
import {redisForFile} from '../servers/redis-and-memcached.js'

describe('Ctrl-C during a run', () => {
  it('stops gracefully: a valid result marked incomplete is printed and written, exit code 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-int-'))
    const workload = join(dir, 'long.yaml')
    // Far more simulated work than can finish before the signal.
    writeFileSync(workload, 'version: 1\nkeyspace: {count: 100000}\norigin: {latency: 1ms}\nload: {operations: 50000000, concurrency: 8}\n')
    const out = join(dir, 'result.json')
    // --progress prints a line on stderr every 250 ms once operations run: the signal comes after that.
    const child = startCli(['run', workload, '--json', '--out', out, '--progress'])
    await child.waitForStderr(/ops\/s/)
    child.kill('SIGINT')
    const run = await child.finished
    expect(run.exitCode).toBe(3)
    const printed = JSON.parse(run.stdout) as Result
    const written = JSON.parse(readFileSync(out, 'utf8')) as Result
    expect(printed.complete).toBe(false)
    expect(written.summary).toEqual(printed.summary)
    expect(printed.summary.operations).toBeGreaterThan(0)
    expect(printed.summary.operations).toBeLessThan(50_000_000)
    expect(printed.summary.hits + printed.summary.misses).toBe(printed.summary.reads)
    expect(run.stderr).toMatch(/Stopping/)
  })
})

describe('Ctrl-C during a run whose operations take no simulated time', () => {
  it('is served within the run: one slot and zero latencies no longer run the whole load in one event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-int-zero-'))
    const workload = join(dir, 'zero.yaml')
    // One slot, no latency anywhere: every operation ends where it starts, at simulated time 0.
    writeFileSync(workload, 'version: 1\nkeyspace: {count: 100000}\norigin: {latency: 0ms}\ncache: {latency: 0}\nload: {operations: 50000000, concurrency: 1}\n')
    // Before, no progress line (nor the signal) was served until all 50M operations were done.
    const child = startCli(['run', workload, '--json', '--progress'])
    await child.waitForStderr(/ops\/s/)
    child.kill('SIGINT')
    const run = await child.finished
    expect(run.exitCode).toBe(3)
    const printed = JSON.parse(run.stdout) as Result
    expect(printed.complete).toBe(false)
    expect(printed.summary.operations).toBeGreaterThan(0)
    expect(printed.summary.operations).toBeLessThan(50_000_000)
    expect(printed.summary.hits + printed.summary.misses).toBe(printed.summary.reads)
  })
})

describe('a second signal during a run on a server', () => {
  const servers = redisForFile()

  it('quits at once and names the prefix of the keys it leaves behind', async () => {
    const {redis} = servers
    const dir = mkdtempSync(join(tmpdir(), 'cb-int-'))
    const workload = join(dir, 'long.yaml')
    writeFileSync(workload, 'version: 1\nkeyspace: {count: 100000}\norigin: {latency: 1ms}\nload: {operations: 50000000, concurrency: 8}\n')
    const child = startCli(['run', workload, '--target', redis.url, '--progress'])
    await child.waitForStderr(/ops\/s/)
    // Two different signals, back to back: the same one twice may reach the process as one.
    child.kill('SIGINT')
    child.kill('SIGTERM')
    const run = await child.finished
    // The second of the two to be handled sets the code: 128 + its number.
    expect([130, 143]).toContain(run.exitCode)
    const said = /Quit at once: the keys written under "(cb:[0-9a-f]+:)" are left on the server, and no result was written\./.exec(run.stderr)
    expect(said, run.stderr).not.toBeNull()
    // The keys it names are there, and nothing else is.
    const keys = (await redis.cli('--scan', '--pattern', '*')).trim().split('\n').filter(Boolean)
    expect(keys.length).toBeGreaterThan(0)
    expect(keys.every((key) => key.startsWith(said![1]))).toBe(true)
    await redis.cli('flushall')
  })

  it('a closed terminal (SIGHUP) stops a run on a server as Ctrl-C does: its keys deleted, an incomplete result written, exit 3', async () => {
    const {redis} = servers
    await redis.cli('set', 'foreign:key', 'theirs')
    const dir = mkdtempSync(join(tmpdir(), 'cb-hup-'))
    const workload = join(dir, 'long.yaml')
    writeFileSync(workload, 'version: 1\nkeyspace: {count: 100000}\norigin: {latency: 1ms}\nload: {operations: 50000000, concurrency: 8}\n')
    const out = join(dir, 'result.json')
    const child = startCli(['run', workload, '--target', redis.url, '--out', out, '--progress'])
    await child.waitForStderr(/ops\/s/)
    child.kill('SIGHUP')
    const run = await child.finished
    // Before, the process ended at once (exit 129) and left thousands of keys on the server.
    expect(run.exitCode).toBe(3)
    const written = JSON.parse(readFileSync(out, 'utf8')) as Result
    expect(written.complete).toBe(false)
    expect(written.summary.operations).toBeGreaterThan(0)
    expect(written.target.keysDeleted).toBeGreaterThan(0)
    expect((await redis.cli('--scan', '--pattern', '*')).trim()).toBe('foreign:key')
    await redis.cli('flushall')
  })

  it('compare on a server: Ctrl-C lets the cell under way end and delete its keys, then exits 3', async () => {
    const {redis} = servers
    const dir = mkdtempSync(join(tmpdir(), 'cb-int-'))
    const workload = join(dir, 'long.yaml')
    writeFileSync(workload, 'version: 1\nkeyspace: {count: 100000}\norigin: {latency: 1ms}\nload: {operations: 50000000, concurrency: 8}\n')
    const child = startCli(['compare', workload, '--ttl', '1s,2s', '--target', redis.url])
    // The first cell is under way once its keys reach the server.
    await waitFor(async () => Number((await redis.cli('dbsize')).trim()) > 100, 'the first cell to write keys')
    child.kill('SIGINT')
    const run = await child.finished
    expect(run.exitCode).toBe(3)
    expect(run.stderr).toContain('Error: The comparison was stopped during cell 1 of 2; that cell\'s run ended early and cleaned up after itself, and no comparison was made.')
    // Before, the process ended at once and left the cell's keys behind.
    expect((await redis.cli('dbsize')).trim()).toBe('0')
  })
})

