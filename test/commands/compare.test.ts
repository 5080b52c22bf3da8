import {mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Comparison} from '../../src/compare/comparison.js'
import {runComparison} from '../../src/compare/run-comparison.js'
import {loadWorkloadOrTrace} from '../../src/cli/trace-flags.js'
import {InputError} from '../../src/errors.js'
import {getRenderer} from '../../src/report/renderers.js'
import {RESULT_SCHEMA} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'

const SMALL = ['--operations', '4000', '--warmup', '500']

describe('cache-bench compare', () => {
  it('prints the side-by-side tables and the verdict, within 80 columns and without colour when piped', async () => {
    const run = await cli(['compare', 'write-heavy', '--strategy', 'none,lazy-loading,write-through', ...SMALL])
    expect(run.exitCode).toBe(0)
    const lines = run.stdout.split('\n')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80)
    expect(run.stdout).not.toContain('\u001b[')
    expect(run.stdout).toMatch(/│ write-through\s+│/)
    expect(run.stdout).toContain('Verdict')
    expect(run.stdout).toMatch(/- Fewest stale reads with a cache: /)
    // Progress goes to a TTY only.
    expect(run.stderr).toBe('')
  })

  it('fits the tables to the terminal width (COLUMNS when piped) and wraps cell labels instead of cutting them alike', async () => {
    const matrix = ['--strategy', 'lazy-loading+invalidateOnWrite,write-through', '--mix', '95:5,50:50', '--ttl', 'none,30s', ...SMALL]
    const out = join(mkdtempSync(join(tmpdir(), 'cb-compare-width-')), 'out')
    const narrow = await cli(['compare', 'write-heavy', ...matrix, '--out', out], {env: {COLUMNS: '80'}})
    expect(narrow.exitCode, narrow.stderr).toBe(0)
    // The same comparison laid out for 200 columns by the renderer the command uses, without running the matrix again.
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as Comparison
    const wide = {stdout: getRenderer('terminal', 'comparison').render(comparison, {colour: false, width: 200})}
    expect(getRenderer('terminal', 'comparison').render(comparison, {colour: false, width: 80}).trimEnd()).toBe(narrow.stdout.trimEnd())
    for (const line of narrow.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80)
    // Every cell's full label, in the matrix's order (strategy, then mix, then TTL), read back from the first table.
    const expected = ['lazy-loading+invalidateOnWrite', 'write-through'].flatMap((strategy) =>
      ['95:5', '50:50'].flatMap((mix) => ['none', '30s'].map((ttl) => `${strategy} ${mix} ttl ${ttl}`)),
    )
    expect(cellLabels(narrow.stdout)).toEqual(expected)
    expect(cellLabels(wide.stdout)).toEqual(expected)
    // 200 columns hold all ten figures in one table: one header row with both groups' heads.
    expect(wide.stdout).toMatch(/│ cell\s+│ read p50 │.*│ hit ratio │.*│ wasted │/)
    expect(narrow.stdout).not.toMatch(/│ read p50 │.*│ hit ratio │/)
  })

  it('--json prints every cell’s result with its settings; --out writes one file per cell plus the comparison', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cb-compare-')), 'out')
    const run = await cli(['compare', 'read-heavy', '--mix', '95:5,50:50', '--ttl', 'none,1s', ...SMALL, '--json', '--out', dir])
    expect(run.exitCode).toBe(0)
    const comparison = JSON.parse(run.stdout) as Comparison
    expect(comparison.schema).toBe('cache-bench.comparison/v1')
    expect(comparison.results.map((result) => result.cell.label)).toEqual(['95:5 ttl none', '95:5 ttl 1s', '50:50 ttl none', '50:50 ttl 1s'])
    for (const result of comparison.results) {
      expect(result.schema).toBe(RESULT_SCHEMA)
      expect(result.summary.operations).toBe(3500)
    }
    expect(comparison.results[1].strategy.ttlMs).toBe(1000)
    expect(comparison.results[2].summary.writes).toBeGreaterThan(comparison.results[0].summary.writes * 5)
    expect(readdirSync(dir).sort()).toEqual([
      '01-95-5-ttl-none.json',
      '02-95-5-ttl-1s.json',
      '03-50-50-ttl-none.json',
      '04-50-50-ttl-1s.json',
      'comparison.json',
      'comparison.txt',
    ])
    const cell = JSON.parse(readFileSync(join(dir, '02-95-5-ttl-1s.json'), 'utf8'))
    expect(cell.summary).toEqual(comparison.results[1].summary)
    expect(cell.cell).toEqual({index: 1, label: '95:5 ttl 1s', mix: '95:5', ttl: '1s'})
    expect(readFileSync(join(dir, 'comparison.txt'), 'utf8')).toContain('Verdict')
  })

  it('exits 2 naming the flag for a bad matrix value, and 3 when the target is unreachable', async () => {
    const bad = await cli(['compare', 'read-heavy', '--strategy', 'lazy-loading,write-behnd'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toBe(
      'Error: --strategy "write-behnd" is not a strategy (did you mean "write-behind"?); use none, lazy-loading, write-through, cache-only, write-behind, refresh-ahead.',
    )
    // The matrix flags are read by the function the command calls: the other bad value through it.
    const badMix = await runComparison(loadWorkloadOrTrace('read-heavy', {}), {mix: '95'}).catch((error: unknown) => error)
    expect(badMix).toBeInstanceOf(InputError)
    expect((badMix as InputError).exitCode).toBe(2)
    expect(`Error: ${(badMix as InputError).message}`).toMatch(/^Error: --mix "95" is not a mix/)
    const unreachable = await cli(['compare', 'read-heavy', '--ttl', '1s,2s', '--target', 'redis://127.0.0.1:1', '--connect-timeout', '500ms', ...SMALL])
    expect(unreachable.exitCode).toBe(3)
    expect(unreachable.stderr).toMatch(/^Error: .*127\.0\.0\.1:1/)
  })

  it('a cell keeps the strategy options the workload gives (ttl, jitter, refresh point, lease timings)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cb-compare-options-')), 'options.yaml')
    writeFileSync(
      file,
      `version: 1
name: options
keyspace: {count: 500, distribution: uniform}
mix: {read: 90, write: 10}
strategy: {name: refresh-ahead, ttl: 30s, ttlJitter: 0.1, refreshAt: 0.5, lease: {retryAfter: 2ms, timeout: 300ms}}
origin: {latency: 1ms}
load: {concurrency: 4, operations: 2000, warmup: 0}
`,
    )
    const run = await cli(['compare', file, '--strategy', 'lazy-loading,refresh-ahead+lease', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    const [lazy, refresh] = (JSON.parse(run.stdout) as Comparison).results.map((result) => result.strategy)
    expect(lazy).toMatchObject({name: 'lazy-loading', ttlMs: 30_000, ttlJitter: 0.1, lease: null})
    expect(lazy.refreshAt).toBeUndefined()
    expect(refresh).toMatchObject({name: 'refresh-ahead', ttlMs: 30_000, ttlJitter: 0.1, refreshAt: 0.5, lease: {retryAfterMs: 2, timeoutMs: 300}})
  })

  it('refuses leases on a real server before connecting (builtin only for now)', async () => {
    const run = await cli(['compare', 'stampede', '--strategy', 'lazy-loading+lease', '--target', 'redis://127.0.0.1:1', ...SMALL])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/^Error: compare cell "lazy-loading\+lease": strategy\.lease needs a target with leases, which only builtin:\/\/ has for now/)
  })
})

/** The cell labels of the first table, each put together again from the lines it was wrapped onto. */
function cellLabels(report: string): string[] {
  const table = report.slice(report.indexOf('├'), report.indexOf('└'))
  const labels: string[] = []
  for (const row of table.split('\n').filter((line) => line.startsWith('│'))) {
    const [label, firstFigure] = row.split('│').slice(1, 3).map((cell) => cell.trim())
    if (firstFigure !== '' || labels.length === 0) labels.push(label)
    else labels[labels.length - 1] += labels[labels.length - 1].endsWith('+') ? label : ` ${label}`
  }
  return labels
}
