import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-wasted-'))
const KEYS = 1000

/** Lazy loading over keys read in order 0, 1, …, KEYS − 1 and again: a scan, every read a miss and a set. */
function scan(name: string, operations: number, extra: string): string {
  const file = join(dir, `${name}.yaml`)
  writeFileSync(
    file,
    `version: 1
name: ${name}
keyspace: {count: ${KEYS}, distribution: sequential}
mix: {read: 100}
origin: {latency: 0}
load: {concurrency: 1, operations: ${operations}, warmup: 0}
${extra}`,
  )
  return file
}

async function run(file: string): Promise<Result> {
  const done = await cli(['run', file, '--json'])
  expect(done.exitCode).toBe(0)
  return JSON.parse(done.stdout) as Result
}

describe('cache.wastedWrites counts a set that was never read when the entry leaves the cache', () => {
  it('a scan through an LRU cache a tenth of its size: every evicted entry was a wasted write', async () => {
    const result = await run(scan('scan-lru', 3 * KEYS, 'strategy: {name: lazy-loading}\ncache: {maxItems: 100}\n'))
    // Three passes, no read ever hits: 3000 sets, all but the last 100 evicted unread.
    expect(result.summary.hits).toBe(0)
    expect(result.summary.cache.sets).toBe(3 * KEYS)
    expect(result.summary.cache.evictions).toBe(3 * KEYS - 100)
    expect(result.summary.cache.wastedWrites).toBe(3 * KEYS - 100)
  })

  it('sets that expired unread count, those expired at the end of the run included', async () => {
    // Each operation: a 0.2 ms get that misses, a 0-ms origin read, a 0.2 ms set, so operation i
    // stores its entry at 0.4 i + 0.4 ms, to expire 10.1 ms later; the run ends at 0.4 × 2000 ms.
    const result = await run(scan('scan-ttl', 2 * KEYS, 'strategy: {name: lazy-loading, ttl: 10.1ms}\n'))
    const end = 0.4 * 2 * KEYS
    let expiredUnread = 0
    for (let i = 0; i < 2 * KEYS; i++) if (0.4 * i + 0.4 + 10.1 <= end) expiredUnread++
    expect(result.summary.hits).toBe(0)
    expect(result.durationMs).toBeCloseTo(end, 6)
    expect(result.summary.cache.wastedWrites).toBe(expiredUnread)
    expect(expiredUnread).toBe(2 * KEYS - 26)
  })
})
