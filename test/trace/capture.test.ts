import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Redis} from 'ioredis'
import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {captureTrace} from '../../src/trace/capture/capture-trace.js'
import {TraceRequests} from '../../src/trace/trace-requests.js'
import {parseWorkload} from '../../src/workload/load-workload.js'
import {redisAndMemcachedForFile} from '../servers/redis-and-memcached.js'
import {cli, startCli} from '../helpers/cli.js'
import {traceDir} from './fixtures.js'

const dir = traceDir()
const WAIT_LIMIT_MS = 20_000

/** Waits (bounded) until `ready()` holds, yielding to the event loop between looks. */
async function waitFor(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

function countOperations(file: string, format: string): {read: number; write: number; delete: number} {
  const requests = new TraceRequests({file, format, skipBadRecords: 0})
  const counts = {read: 0, write: 0, delete: 0}
  while (requests.next()) counts[requests.operation]++
  requests.close()
  return counts
}

async function replay(file: string, format: string, target: string) {
  const workload = parseWorkload('version: 1\nstrategy: {name: lazy-loading}\norigin: {latency: 1ms}\nload: {concurrency: 4}\n', 'replay.yaml', {trace: file, traceFormat: format})
  return runWorkload({...workload, trace: {...workload.trace!, speed: 'max'}}, {target})
}

describe('trace capture from real servers, then replay', () => {
  const servers = redisAndMemcachedForFile()

  it('redis MONITOR: the capture holds the test traffic, and replaying it repeats its operation counts', async () => {
    const {redis} = servers
    const out = join(dir, 'capture.monitor')
    const stop = new AbortController()
    const capture = captureTrace({url: redis.url, out, durationMs: 60_000, maxBytes: 10_000_000, signal: stop.signal})
    await capture.ready
    const client = new Redis(redis.url)
    try {
      for (let index = 0; index < 20; index++) await client.set(`user:${index}`, `value ${index} with "quotes"`)
      for (let index = 0; index < 40; index++) await client.get(`user:${index % 25}`)
      for (let index = 0; index < 5; index++) await client.del(`user:${index}`)
      await client.echo('end-of-test-traffic')
    } finally {
      client.disconnect()
    }
    await waitFor(() => capture.lines() > 0 && readFileSync(out, 'utf8').includes('end-of-test-traffic'), 'the capture to see the last command')
    stop.abort()
    const summary = await capture.done
    expect(summary.stoppedBy).toBe('signal')
    expect(countOperations(out, 'redis-monitor')).toEqual({read: 40, write: 20, delete: 5})

    const result = await replay(out, 'redis-monitor', redis.url)
    expect([result.summary.reads, result.summary.writes, result.summary.deletes]).toEqual([40, 20, 5])
    expect(result.summary.errors).toBe(0)
    // The replay's keys lived under its run prefix and are gone: only the test's 15 remain.
    expect((await redis.cli('dbsize')).trim()).toBe('15')
  })

  it('memcached watch: the capture holds the test traffic, and replaying it repeats its operation counts', async () => {
    const {memcached} = servers
    const out = join(dir, 'capture.watch')
    const stop = new AbortController()
    const capture = captureTrace({url: memcached.url, out, durationMs: 60_000, maxBytes: 10_000_000, signal: stop.signal})
    await capture.ready
    for (let index = 0; index < 30; index++) await memcached.set(`item:${index}`, `v${index}`)
    for (let index = 0; index < 50; index++) await memcached.get(`item:${index % 40}`)
    // Each set logs its own lookup and its store; each get one line.
    await waitFor(() => capture.lines() >= 30 * 2 + 50, 'the capture to see every request')
    stop.abort()
    await capture.done
    expect(countOperations(out, 'memcached-watch')).toEqual({read: 50, write: 30, delete: 0})

    const itemsBefore = Number((await memcached.stats()).curr_items)
    const result = await replay(out, 'memcached-watch', memcached.url)
    expect([result.summary.reads, result.summary.writes, result.summary.deletes]).toEqual([50, 30, 0])
    expect(result.summary.errors).toBe(0)
    expect(Number((await memcached.stats()).curr_items)).toBe(itemsBefore)
  })

  it('a capture whose file cannot be written stops with one sentence and exit 2, not a success', async () => {
    const {redis} = servers
    // /dev/full takes the file's first write and fails it (ENOSPC): a disk that filled up.
    const running = startCli(['trace', 'capture', redis.url, '--duration', '60s', '--out', '/dev/full'])
    await running.waitForStderr(/MONITOR costs/)
    const client = new Redis(redis.url)
    let finished: Awaited<typeof running.finished> | undefined
    void running.finished.then((run) => (finished = run))
    try {
      // Traffic until the capture has tried to write it and stopped (bounded by WAIT_LIMIT_MS).
      const deadline = Date.now() + WAIT_LIMIT_MS
      while (finished === undefined && Date.now() < deadline) await client.echo('traffic')
    } finally {
      client.disconnect()
    }
    const run = await running.finished
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('Error: --out "/dev/full" cannot be written: no space left on the device; the capture stopped.')
    expect(run.stderr).not.toMatch(/^\s+at /m)
  })
})

describe('trace capture: bad --out and --duration are refused before the server is asked', () => {
  it('a directory as --out, and a zero duration, exit 2 with one sentence', async () => {
    // Nothing listens on port 1: the refusals come before any connection.
    const folder = await cli(['trace', 'capture', 'redis://127.0.0.1:1', '--duration', '1s', '--out', dir])
    expect(folder.exitCode).toBe(2)
    expect(folder.stderr).toBe(`Error: --out "${dir}" cannot be written: it is a directory.`)
    const zero = await cli(['trace', 'capture', 'redis://127.0.0.1:1', '--duration', '0s', '--out', join(dir, 'never.monitor')])
    expect(zero.exitCode).toBe(2)
    expect(zero.stderr).toBe('Error: --duration must be longer than 0, e.g. 30s (got "0s").')
  })
})

