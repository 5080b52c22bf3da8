import {readFileSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {captureTrace} from '../../src/trace/capture/capture-trace.js'
import {cli} from '../helpers/cli.js'
import {startRedis} from '../servers/redis-servers.js'
import {traceDir} from './fixtures.js'

const dir = traceDir()
const PREVIOUS = '1700000000.000001 [0 127.0.0.1:5] "GET" "k"\n'

/** A port on 127.0.0.1 that nothing listens on: one the system gave out and that was closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const {port} = probe.address() as {port: number}
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}


describe('a capture from a URL it cannot capture from', () => {
  it('is refused in one sentence, before the warning of what MONITOR costs a Redis server', async () => {
    const run = await cli(['trace', 'capture', 'builtin://', '--duration', '1s', '--out', join(dir, 'never.monitor')])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim()).toBe('Error: Capture needs a redis://, rediss:// or memcached:// URL, got "builtin://".')
  })

  it('a --duration past a week is refused, before the server is asked (past 2^31 ms its timer fired at once)', async () => {
    const port = await closedPort()
    const run = await cli(['trace', 'capture', `redis://127.0.0.1:${port}`, '--duration', '1000000h', '--out', join(dir, 'too-long.monitor')])
    expect([run.exitCode, run.stderr.trim()]).toEqual([2, 'Error: --duration may be at most 168h, as a run\'s (got "1000000h").'])
  })
})

describe('a capture that never starts leaves --out as it was', () => {
  it('an unreachable server: the capture fails and an earlier capture in --out is not emptied', async () => {
    const out = join(dir, 'earlier.monitor')
    writeFileSync(out, PREVIOUS)
    const capture = captureTrace({url: `redis://127.0.0.1:${await closedPort()}`, out, durationMs: 5000, maxBytes: 1_000_000})
    await expect(capture.done).rejects.toThrow(/Could not reach redis:\/\/127\.0\.0\.1:\d+ to capture its traffic/)
    expect(readFileSync(out, 'utf8')).toBe(PREVIOUS)
  })

  it('a server that refuses MONITOR: the capture fails and --out keeps its content', async () => {
    const out = join(dir, 'refused.monitor')
    writeFileSync(out, PREVIOUS)
    // A redis-server with a password, asked without one: it answers MONITOR with NOAUTH.
    const redis = await startRedis({password: 'secret'})
    try {
      const capture = captureTrace({url: `redis://127.0.0.1:${redis.port}`, out, durationMs: 5000, maxBytes: 1_000_000})
      await expect(capture.done).rejects.toThrow(/refused the capture: NOAUTH/)
      expect(readFileSync(out, 'utf8')).toBe(PREVIOUS)
    } finally {
      await redis.stop()
    }
  })
})
