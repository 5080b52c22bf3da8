import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-figures-'))
const OPERATIONS = 1000

/** Cache-only reads, one at a time: each operation is exactly one cache get. */
function workloadFile(name: string, extra: string): string {
  const file = join(dir, `${name}.yaml`)
  writeFileSync(
    file,
    `version: 1
name: ${name}
keyspace: {count: 100, distribution: uniform}
mix: {read: 100}
strategy: {name: cache-only}
load: {concurrency: 1, operations: ${OPERATIONS}, warmup: 0}
${extra}`,
  )
  return file
}

describe('simulated time always advances, or the result says it did not', () => {
  it('a builtin cache command costs a 200 µs network hop by default, so throughput is 1 / 200 µs at concurrency 1', async () => {
    const run = await cli(['run', workloadFile('default-hop', ''), '--json'])
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    expect(result.latencyMs['cache.get']!.max).toBeCloseTo(0.2, 6)
    expect(result.durationMs).toBeCloseTo(OPERATIONS * 0.2, 6)
    expect(result.summary.throughput).toBeCloseTo(5000, 3)
    expect(result.warnings).toEqual([])
  })

  it('when every modelled latency is 0 the result warns that time stood still instead of reporting a silent 0', async () => {
    const run = await cli(['run', workloadFile('standstill', 'cache: {latency: 0}\norigin: {latency: 0}\n'), '--json'])
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    expect(result.durationMs).toBe(0)
    expect(result.warnings).toContain(
      'simulated time did not advance: every modelled latency on the path of these operations is 0, so throughput, TTL expiry and staleness ages are meaningless; give cache.latency or origin.latency a non-zero value.',
    )
  })

  it('an open-loop report header shows the intended rate', async () => {
    const run = await cli(['run', workloadFile('open', ''), '--rate', '2k/s'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^load {9}open loop at 2,000\/s intended; latency from each intended start$/m)
    expect(run.stdout).not.toMatch(/^concurrency /m)
  })
})
