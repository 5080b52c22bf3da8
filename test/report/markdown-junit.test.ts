import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {emptyMessagingSummary} from '../../src/metrics/summary-template.js'
import {fitMarkdown, MARKDOWN_LIMIT} from '../../src/report/markdown-table.js'
import {getRenderer} from '../../src/report/renderers.js'
import {createResultFixture} from '../fixtures/result.js'
import {junitProblems} from '../helpers/junit.js'

const OPTIONS = {colour: false, width: 80}

function gatedFixture(): Result {
  const result = createResultFixture()
  result.thresholds = [
    {expression: 'hitRatio >= 0.9', actual: 0.934, pass: true},
    {expression: 'read.p99 < 2ms', actual: 3.1, pass: false},
  ]
  result.gates = [
    {expression: 'hitRatio < -0.01', metric: 'hitRatio', base: 0.95, actual: 0.934, change: 0.934 - 0.95, verdict: 'regressed', pass: false},
    {expression: 'read.p99 > +10%', metric: 'read.p99', base: 3, actual: 3.1, change: 0.1 / 3, verdict: 'unchanged', pass: true},
  ]
  return result
}

describe('Markdown report of a run', () => {
  it('matches the snapshot: headline figures, latencies, thresholds and gates in words', () => {
    const text = getRenderer('markdown').render(gatedFixture(), OPTIONS)
    expect(text).toMatchSnapshot()
    // Figures from the fixture's counts: 840,600 / 900,000 hits, 35,000 ops/s.
    expect(text).toContain('| 35,000 ops/s | 93.4% | 0.12% | 93.4% |')
    expect(text).toContain('| `read.p99 < 2ms` | 3.1ms | ❌ FAIL |')
    expect(text).toContain('| `hitRatio < -0.01` | 95% | 93.4% | -1.6 points |  | regressed (FAIL) |')
    expect(text).toContain('| `read.p99 > +10%` | 3ms | 3.1ms | +3.333% |  | unchanged (pass) |')
  })

  it('leads a messaging run with what was published and delivered, and lists its figures, not cache figures it has none of', () => {
    const result = createResultFixture()
    result.summary.messaging = {...emptyMessagingSummary(), published: 4500, delivered: 88_999, expectedDeliveries: 88_999, missed: 1001, lag: null, pending: null, trimmedBeforeRead: null}
    const text = getRenderer('markdown').render(result, OPTIONS)
    expect(text).toContain('| published/s | delivered/s | delivery p99 | lost | duplicated | errors |')
    expect(text).not.toContain('hit ratio')
    expect(text).toContain('### Messaging (pubsub)')
    expect(text).toContain('| missed while away | 1,001 |')
  })

  it('shows a workload name and warnings as written, not as HTML or emphasis', () => {
    const result = createResultFixture()
    result.workload.name = '<b>cart</b> *v2* a_b & [x](y)'
    result.warnings = ['server said <ERR> `nope`']
    const text = getRenderer('markdown').render(result, OPTIONS)
    expect(text.split('\n')[0]).toBe('## cache-bench: &lt;b&gt;cart&lt;/b&gt; \\*v2\\* a\\_b &amp; \\[x\\](y) — ❌ FAIL')
    expect(text).toContain('- server said &lt;ERR&gt; \\`nope\\`')
    // No tag of the name survives to be rendered.
    expect(text).not.toMatch(/<\/?b>/)
  })

  it('stays under 64 KB, cutting at a line with a note when a report would be longer', () => {
    const long = `${'| a | b |\n'.repeat(20_000)}`
    const cut = fitMarkdown(long)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(MARKDOWN_LIMIT)
    expect(cut).toMatch(/\| a \| b \|\n\n_\(report cut to fit 64 KB; the full figures are in the JSON result\)_\n$/)
    expect(fitMarkdown('short\n')).toBe('short\n')
  })
})

describe('JUnit report of a run', () => {
  it('validates against the JUnit schema, one case for the run, each threshold and each gate, failures with actual vs expected', async () => {
    const result = gatedFixture()
    result.workload.name = 'odd <name> & "quotes"'
    const xml = getRenderer('junit').render(result, OPTIONS)
    const file = join(mkdtempSync(join(tmpdir(), 'cb-junit-')), 'junit.xml')
    writeFileSync(file, xml)
    expect(await junitProblems(file)).toBeNull()
    expect(xml).toMatch(/<testsuites name="cache-bench" tests="5" failures="2" errors="0">/)
    expect(xml).toContain('<failure message="read.p99 &lt; 2ms: actual 3.1ms" type="cache-bench.odd &lt;name&gt; &amp; &quot;quotes&quot;.thresholds">expected read.p99 &lt; 2ms\nactual 3.1ms</failure>')
    expect(xml).toContain('<testcase name="hitRatio &gt;= 0.9" classname="cache-bench.odd &lt;name&gt; &amp; &quot;quotes&quot;.thresholds" time="0"/>')
    expect(xml).toMatch(/<failure message="hitRatio &lt; -0\.01: regressed \(baseline 95%, new 93\.4%, change -1\.6 points\)"/)
  })

  it('an incomplete run is a failed case even without thresholds', async () => {
    const result = createResultFixture()
    result.complete = false
    result.thresholds = []
    const xml = getRenderer('junit').render(result, OPTIONS)
    expect(xml).toMatch(/tests="1" failures="1"/)
    expect(xml).toContain('<failure message="the run was interrupted"')
  })
})
