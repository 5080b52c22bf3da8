import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli} from '../helpers/cli.js'
import {UNIFORM_KEYS, writeUniformReads} from '../helpers/uniform-reads.js'

const dir = mkdtempSync(join(tmpdir(), 'cache-bench-mrc-reports-'))
const file = (name: string) => join(dir, name)
const WORKLOAD = writeUniformReads(dir)

describe('mrc and plan reports', () => {
  it('mrc --format markdown prints the curve as a Markdown table, n/keys hit at n items', async () => {
    const run = await cli(['mrc', WORKLOAD, '--sizes', '400,2000,3600', '--format', 'markdown'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^## Miss-ratio curve: uniform-reads$/m)
    expect(run.stdout).toMatch(/^\| items \| hit ratio \| miss ratio \| origin reads\/s \|$/m)
    const rows = [...run.stdout.matchAll(/^\| ([\d,]+) \| ([\d.]+)% \| ([\d.]+)% \| [\d.,]+ \|$/gm)]
    expect(rows.map((row) => Number(row[1].replaceAll(',', '')))).toEqual([400, 2000, 3600])
    for (const row of rows) expect(Math.abs(Number(row[2]) / 100 - Number(row[1].replaceAll(',', '')) / UNIFORM_KEYS)).toBeLessThan(0.01)
  })

  it('plan --report writes Markdown, HTML and JSON, the JSON equal to --json', async () => {
    const run = await cli(['plan', WORKLOAD, '--hit-ratio', '0.5', '--report', file('plan.md'), '--report', file('plan.html'), '--report', file('plan.json'), '--json'])
    expect(run.exitCode).toBe(0)
    const plan = JSON.parse(run.stdout)
    expect(JSON.parse(readFileSync(file('plan.json'), 'utf8'))).toEqual(plan)
    const markdown = readFileSync(file('plan.md'), 'utf8')
    expect(markdown).toContain('| node type | nodes | cache memory | per month | hit, 1 node down | origin/s, 1 node down | N+1 ok |')
    for (const row of plan.rows) expect(markdown).toMatch(new RegExp(`^\\| ${row.nodeType.replaceAll('.', '\\.')} \\| ${row.nodes} `, 'm'))
    const html = readFileSync(file('plan.html'), 'utf8')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/)
    for (const row of plan.rows) expect(html).toContain(`<td>${row.nodeType}</td>`)
    // The chosen memory is marked on the curve the page draws, and so is where each node type's whole nodes end, when on the curve.
    const charts = JSON.parse(/<script type="application\/json" id="cb-charts">(.*?)<\/script>/s.exec(html)?.[1] ?? '[]')
    expect(charts[0].xLog).toBe(true)
    expect(charts[0].marks[0].x).toBe(plan.curve[0].memoryBytes)
    const provisioned = plan.rows.filter((row: {strategy: string}) => row.strategy === plan.curve[0].strategy).map((row: {provisionedBytes: number}) => row.provisionedBytes)
    for (const mark of charts[0].marks.slice(1)) expect(provisioned).toContain(mark.x)
  })

  it('refuses JUnit for mrc and plan, saying which commands have it and naming the formats they have', async () => {
    const [mrc, plan] = await Promise.all([
      cli(['mrc', WORKLOAD, '--sizes', '400', '--report', file('curve.xml')]),
      cli(['plan', WORKLOAD, '--hit-ratio', '0.5', '--format', 'junit']),
    ])
    for (const [command, run] of [['mrc', mrc], ['plan', plan]] as const) {
      expect(run.exitCode).toBe(2)
      expect(run.stderr.trim()).toBe(
        `Error: JUnit reports the pass/fail checks (thresholds, gates) of run, merge, compare and diff; ${command} has none, so use one of terminal, json, markdown, html.`,
      )
      expect(run.stdout).toBe('')
    }
  })
})
