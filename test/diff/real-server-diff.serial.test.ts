import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {DiffReport} from '../../src/diff/diff-report.js'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'
import {type RedisServer, startRedis} from '../servers/redis-servers.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-noisy-diff-'))
const file = (name: string) => join(dir, name)

// Wall-clock runs on a real Redis: 50,000 keys read at random, so nearly every read misses and
// waits for the origin; a read's median is then about the origin's latency, which the second
// workload doubles. The origin is slow enough (20 ms) that a busy machine's scheduling delays,
// several milliseconds, stay small beside it. 300 measured operations, 8 at a time, 5
// repetitions: about 4 s of load a side, 8 s for the slow one.
const workload = (originMs: number) => `version: 1
name: noisy-diff
seed: 9
keyspace: {count: 50000, distribution: uniform}
mix: {read: 100}
strategy: lazy-loading
origin: {latency: ${originMs}ms}
load: {concurrency: 8, operations: 350, warmup: 50}
`
const GATE = ['--fail-on', 'read.p50 > +20%']
const json = <T>(text: string) => JSON.parse(text) as T

let redis: RedisServer

beforeAll(async () => {
  redis = await startRedis()
  writeFileSync(file('slow-origin.yaml'), workload(40))
  writeFileSync(file('w.yaml'), workload(20))
  // One after the other: the samples of a side should not compete with each other for the CPU.
  for (const [name, source] of [['base', 'w.yaml'], ['again', 'w.yaml'], ['slow', 'slow-origin.yaml']]) {
    const run = await cli(['run', file(source), '--target', redis.url, '--repeat', '5', '--out', file(`${name}.json`)])
    expect(run.exitCode, run.stderr).toBe(0)
  }
}, 300_000)

afterAll(async () => {
  await redis?.stop()
})

describe('diff of repeated wall-clock runs on a real Redis', () => {
  it('records every repetition’s figures', () => {
    const base = json<Result>(readFileSync(file('base.json'), 'utf8'))
    expect(base.clock).toBe('real')
    expect(base.repetitions).toHaveLength(5)
    for (const figures of base.repetitions ?? []) {
      expect(figures.reads).toBe(300)
      expect(figures['read.p50']).toBeGreaterThanOrEqual(20)
    }
  })

  it('a baseline diffed against a repeat of itself is not "regressed"', async () => {
    const run = await cli(['diff', file('base.json'), file('again.json'), ...GATE, '--json'])
    expect(run.exitCode, run.stdout).toBe(0)
    const diff = json<DiffReport>(run.stdout)
    expect(diff.mode).toBe('statistical')
    expect(diff.gates[0].verdict).not.toBe('regressed')
    expect(diff.gates[0].noise?.base[0]).toBeGreaterThanOrEqual(20)
  })

  it('a doubled origin latency is "regressed", with the test’s p-value below the level', async () => {
    const run = await cli(['diff', file('base.json'), file('slow.json'), ...GATE, '--allow-mismatch', '--json'])
    expect(run.exitCode).toBe(1)
    const diff = json<DiffReport>(run.stdout)
    const gate = diff.gates[0]
    expect(gate.verdict).toBe('regressed')
    expect(gate.pValue).toBeLessThan(diff.significance)
    // Every sample of the slow side is slower than every sample of the base: the most extreme
    // arrangement of 5 against 5, whose exact two-sided p is 2 / C(10, 5) = 2/252.
    expect(gate.noise && gate.noise.actual[0] > gate.noise.base[1]).toBe(true)
    expect(gate.pValue).toBeCloseTo(2 / 252, 10)
    expect(diff.mismatches).toEqual([expect.stringMatching(/^workload digest differs/)])
  })
})
