import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'

describe('cache-bench run with phases', () => {
  it('reports a per-phase table within 80 columns, and per-phase figures in the JSON result', async () => {
    const [report, json] = await Promise.all([cli(['run', 'flash-crowd']), cli(['run', 'flash-crowd', '--json'])])
    expect(report.exitCode).toBe(0)
    const lines = report.stdout.split('\n')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80)
    const heading = lines.findIndex((line) => line === 'phases: 3')
    expect(heading).toBeGreaterThan(0)
    expect(lines[heading + 2]).toMatch(/│ phase\s+│\s+ops\/s │ hit ratio │ stale ratio │ rd p50 │ rd p99 │/)
    // Three rows, the surge at five times the steady rate.
    expect(lines[heading + 4]).toMatch(/^│ steady\s+│\s+2,000 │/)
    expect(lines[heading + 5]).toMatch(/^│ surge\s+│\s+10,000 │/)
    expect(lines[heading + 6]).toMatch(/^│ after\s+│\s+[\d,]+ │/)

    expect(json.exitCode).toBe(0)
    const result = JSON.parse(json.stdout) as Result
    const phases = result.phases ?? []
    expect(phases.map((phase) => [phase.name, phase.startMs, phase.rate?.from])).toEqual([
      ['steady', 0, 2000],
      ['surge', 30_000, 10_000],
      ['after', 40_000, 2000],
    ])
    expect(phases.reduce((sum, phase) => sum + phase.summary.operations, 0)).toBe(result.summary.operations)
    // 15 s of the 30 s steady phase are warm-up.
    expect(phases[0].durationMs).toBe(15_000)
    expect(phases[0].summary.operations).toBe(30_000)
    // The new hot keys miss until the cache has learnt them, and the origin queue shows it.
    expect(phases[1].summary.hitRatio).toBeLessThan(phases[0].summary.hitRatio - 0.03)
    expect(phases[1].latencyMs.read!.p99).toBeGreaterThan(3 * phases[0].latencyMs.read!.p99)
  })

  it('refuses --operations beside phases, naming the flag', async () => {
    const run = await cli(['run', 'flash-crowd', '--operations', '1000'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/--operations: load\.operations cannot be combined with phases/)
  })
})
