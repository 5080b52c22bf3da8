import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {DiffReport} from '../../src/diff/diff-report.js'
import {diffResults} from '../../src/diff/diff-results.js'
import {figuresOf} from '../../src/diff/figures.js'
import {diffHtmlRenderer} from '../../src/report/diff/html.js'
import {readResultFile} from '../../src/diff/read-result.js'
import {InputError} from '../../src/errors.js'
import type {Result} from '../../src/metrics/result.js'
import {emitReports} from '../../src/report/emit-reports.js'
import {cli} from '../helpers/cli.js'
import {junitProblems} from '../helpers/junit.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-diff-'))
const file = (name: string) => join(dir, name)

// Uniform reads over 1,000 keys, one at a time, no TTL: with unlimited room every key stays once
// read, so after the warm-up (5 reads per key) nearly every read hits; an LRU of 500 items holds
// half the keys, and under uniform independent reads its hit ratio is 500/1000 = 0.5.
const WORKLOAD = `version: 1
name: diff-check
seed: 5
keyspace: {count: 1000, distribution: uniform}
mix: {read: 100}
strategy: lazy-loading
origin: {latency: 2ms}
load: {concurrency: 1, operations: 15000, warmup: 5000}
`
const HALF_CACHE = 'builtin://?maxItems=500'
const FAIL_ON = ['hitRatio < -0.01', 'read.p99 > +10%']
const GATES = FAIL_ON.flatMap((gate) => ['--fail-on', gate])

const json = <T>(text: string) => JSON.parse(text) as T

/**
 * `cache-bench diff` in this process: the functions the command calls between parsing its flags
 * and printing, so most variations need no process of their own. The exit code is the command's:
 * 1 when a gate failed; bad input rejects with the InputError (exit 2) the command would print.
 */
async function diffHere(base: string, next: string, failOn: string[], options: {allowMismatch?: boolean} = {}) {
  const [baseResult, nextResult] = await Promise.all([readResultFile(base), readResultFile(next)])
  const diff = diffResults(baseResult, nextResult, {failOn, allowMismatch: options.allowMismatch ?? false, files: {base, next}})
  const text = await emitReports('diff', diff, {jsonOnStdout: false, stdout: {isTTY: false, columns: 80}, env: {}})
  return {diff, text: text ?? '', exitCode: diff.pass ? 0 : 1}
}

async function refusal(diffing: Promise<unknown>): Promise<InputError> {
  const error = await diffing.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(InputError)
  expect((error as InputError).exitCode).toBe(2)
  return error as InputError
}

beforeAll(async () => {
  writeFileSync(file('w.yaml'), WORKLOAD)
  writeFileSync(file('other.yaml'), WORKLOAD.replace('count: 1000', 'count: 2000'))
  const runs = await Promise.all([
    cli(['run', file('w.yaml'), '--out', file('base.json')]),
    cli(['run', file('w.yaml'), '--out', file('again.json')]),
    cli(['run', file('w.yaml'), '--target', HALF_CACHE, '--out', file('small.json')]),
    cli(['run', file('w.yaml'), '--seed', '6', '--out', file('seed6.json')]),
    cli(['run', file('other.yaml'), '--out', file('other.json')]),
  ])
  for (const run of runs) expect(run.exitCode, run.stderr).toBe(0)
})

describe('cache-bench diff on deterministic builtin runs', () => {
  it('identical runs: every gate unchanged, no figure changed, exit 0', async () => {
    const {diff, exitCode} = await diffHere(file('base.json'), file('again.json'), FAIL_ON)
    expect(exitCode).toBe(0)
    expect(diff.schema).toBe('cache-bench.diff/v1')
    expect(diff.mode).toBe('exact')
    expect(diff.changes).toEqual([])
    expect(diff.gates.map((g) => [g.verdict, g.pass, g.change])).toEqual([
      ['unchanged', true, 0],
      ['unchanged', true, 0],
    ])
  })

  it('a cache half the keyspace: the hit-ratio gate fails with the figures of both results, exit 1', async () => {
    const run = await cli(['diff', file('base.json'), file('small.json'), ...GATES, '--json'])
    expect(run.exitCode).toBe(1)
    const diff = json<DiffReport>(run.stdout)
    const base = json<Result>(readFileSync(file('base.json'), 'utf8'))
    const small = json<Result>(readFileSync(file('small.json'), 'utf8'))
    expect(base.summary.hitRatio).toBeGreaterThan(0.99)
    expect(small.summary.hitRatio).toBeGreaterThan(0.47)
    expect(small.summary.hitRatio).toBeLessThan(0.53)
    const hitGate = diff.gates[0]
    expect(hitGate).toMatchObject({metric: 'hitRatio', verdict: 'regressed', pass: false, base: base.summary.hitRatio, actual: small.summary.hitRatio})
    expect(hitGate.change).toBeCloseTo(small.summary.hitRatio - base.summary.hitRatio, 12)
    // Every changed figure is listed, with both values as the result files hold them.
    const misses = diff.changes.find((c) => c.metric === 'misses')
    expect(misses).toEqual({metric: 'misses', base: base.summary.misses, actual: small.summary.misses, change: small.summary.misses - base.summary.misses})
    expect(diff.changes.find((c) => c.metric === 'cache.evictions')?.actual).toBe(small.summary.cache.evictions)
  })

  it('the terminal report names the gates, their verdicts and the changed figures', async () => {
    const {text, exitCode} = await diffHere(file('base.json'), file('small.json'), FAIL_ON)
    expect(exitCode).toBe(1)
    expect(text).toMatch(/hitRatio < -0\.01 .*regressed FAIL/)
    expect(text).toMatch(/gates: \d passed, [12] failed/)
    expect(text).toMatch(/^ {2}misses: [\d,]+ → [\d,]+ \(\+[\d,]+\)$/m)
  })

  it('results of another seed or another workload are refused with exit 2, naming what differs', async () => {
    const seed = await refusal(diffHere(file('base.json'), file('seed6.json'), FAIL_ON))
    expect(seed.message).toMatch(/^the results are not comparable: seed differs \(baseline 5, new 6\).*--allow-mismatch/)
    const other = await refusal(diffHere(file('base.json'), file('other.json'), []))
    expect(other.message).toMatch(/workload digest differs/)
    expect(other.message).not.toMatch(/seed differs/)
  })

  it('a run that adds a threshold stays comparable with its baseline: thresholds judge a result, they do not change it', async () => {
    const gated = await cli(['run', file('w.yaml'), '--threshold', 'read.p99 < 1h', '--out', file('gated.json')])
    expect(gated.exitCode, gated.stderr).toBe(0)
    const {diff, exitCode} = await diffHere(file('base.json'), file('gated.json'), FAIL_ON)
    expect([diff.mismatches, diff.changes, exitCode]).toEqual([[], [], 0])
    // Another workload still differs, threshold or not.
    expect((await refusal(diffHere(file('gated.json'), file('other.json'), []))).message).toMatch(/workload digest differs/)
  })

  it('results record the cache model as the run used it, and results of another model are refused, naming the models', async () => {
    const model = await cli(['run', file('w.yaml'), '--target', 'builtin://?model=redis&capacity=64MiB&eviction=allkeys-lru', '--out', file('redis-model.json')])
    expect(model.exitCode, model.stderr).toBe(0)
    const base = json<Result>(readFileSync(file('base.json'), 'utf8'))
    const small = json<Result>(readFileSync(file('small.json'), 'utf8'))
    const redis = json<Result>(readFileSync(file('redis-model.json'), 'utf8'))
    expect(base.cache).toEqual({model: 'ideal', eviction: 'lru', maxItems: null, capacityBytes: null})
    expect(small.cache).toEqual({model: 'ideal', eviction: 'lru', maxItems: 500, capacityBytes: null})
    expect(redis.cache).toEqual({model: 'redis', eviction: 'allkeys-lru', maxItems: null, capacityBytes: 64 * 1024 * 1024})
    const run = await cli(['diff', file('base.json'), file('redis-model.json')])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/^Error: the results are not comparable: cache model differs \(baseline ideal, new redis\)/)
    // The URL changed the model, not the workload: nothing else differs.
    expect(run.stderr).not.toMatch(/digest differs/)
  })

  it('a difference of the clock arithmetic is no change; a real one, however small on screen, is', async () => {
    const base = json<Result>(readFileSync(file('base.json'), 'utf8'))
    const nudged = (factor: number): Result => ({...base, latencyMs: {...base.latencyMs, read: {...base.latencyMs.read!, mean: base.latencyMs.read!.mean * factor}}})
    writeFileSync(file('noise.json'), JSON.stringify(nudged(1 + 1e-14)))
    writeFileSync(file('moved.json'), JSON.stringify(nudged(1 + 1e-6)))
    expect((await diffHere(file('base.json'), file('noise.json'), [])).diff.changes).toEqual([])
    expect((await diffHere(file('base.json'), file('moved.json'), [])).diff.changes.map((change) => change.metric)).toEqual(['read.mean'])
  })

  it('--allow-mismatch compares anyway and says so', async () => {
    const {text, exitCode} = await diffHere(file('base.json'), file('other.json'), ['hitRatio < -0.5'], {allowMismatch: true})
    expect(exitCode).toBe(0)
    expect(text).toContain('MISMATCHED results, compared anyway.')
    expect(text).toMatch(/Compared despite differences: workload digest differs/)
  })

  it('bad input is one sentence and exit 2: a missing file, a non-result, a malformed gate', async () => {
    writeFileSync(file('not-result.json'), '{"schema": "something-else"}')
    const missing = await cli(['diff', file('nope.json'), file('base.json')])
    expect([missing.exitCode, missing.stderr]).toEqual([2, `Error: cannot read ${file('nope.json')}: no such file.`])
    const notResult = await refusal(diffHere(file('not-result.json'), file('base.json'), []))
    expect(notResult.message).toMatch(/is not a cache-bench result \(no "schema": "cache-bench\.result\/v1"\)/)
    const gate = await refusal(diffHere(file('base.json'), file('again.json'), ['read.p99 > -10%']))
    expect(gate.message).toMatch(/must be an increase/)
  })

  it('a repeated side against a single run says so, in the note and the heading, rather than one run a side', async () => {
    const base = json<Result>(readFileSync(file('base.json'), 'utf8'))
    writeFileSync(file('repeated.json'), JSON.stringify({...base, repetitions: [figuresOf(base), figuresOf(base), figuresOf(base)]}))
    const {diff, text} = await diffHere(file('repeated.json'), file('again.json'), ['read.p99 > +10%'])
    expect(diff.notes).toEqual([
      'The baseline has 3 runs and the new result one: the gates compare a median with a single sample, without the test; repeat the new run too (--repeat 5, or --repeat-into) for verdicts that know the noise.',
    ])
    expect(text.replace(/\s+/g, ' ')).toContain("(1 run); one side's median against the other's single run, without the test.")
    expect((await diffHere(file('again.json'), file('repeated.json'), [])).diff.notes[0]).toMatch(/^The new result has 3 runs and the baseline one: .* repeat the baseline too/)
  })

  it('a gate on a figure neither side has is unmeasured and fails, not inconclusive', async () => {
    const {diff, text, exitCode} = await diffHere(file('base.json'), file('again.json'), ['delete.p99 > +1%'])
    expect(diff.gates[0]).toMatchObject({verdict: 'unmeasured', pass: false, base: null, actual: null, change: null})
    expect(exitCode).toBe(1)
    expect(text).toContain('unmeasured FAIL')
  })

  it('a hand-edited list of repetitions is refused by field, exit 2, by diff and by --repeat-into alike', async () => {
    const base = json<Record<string, unknown>>(readFileSync(file('base.json'), 'utf8'))
    const edited = (name: string, repetitions: unknown) => {
      writeFileSync(file(name), JSON.stringify({...base, repetitions}))
      return file(name)
    }
    const cases: Array<[unknown, string]> = [
      ['x', 'repetitions must be a list of figure records, one per run (got "x").'],
      [[null], 'repetitions[0] must be a mapping of figure names to numbers (got an empty value).'],
      [[{'read.p99': 'x'}], 'repetitions[0].read.p99 must be a number (got "x").'],
    ]
    for (const [index, [repetitions, sentence]] of cases.entries()) {
      const name = edited(`repetitions-${index}.json`, repetitions)
      expect((await refusal(diffHere(file('base.json'), name, ['read.p99 > +1%']))).message).toBe(`${name}: ${sentence}`)
    }
    const into = edited('repeat-into.json', 'x')
    const run = await cli(['run', file('w.yaml'), '--repeat-into', into])
    expect([run.exitCode, run.stderr.trim()]).toEqual([2, `Error: ${into}: repetitions must be a list of figure records, one per run (got "x").`])
    expect(json<{repetitions: unknown}>(readFileSync(into, 'utf8')).repetitions).toBe('x')
  })

  it('a malformed gate is refused before the files are read, and a device is not read past 64 MiB', async () => {
    // Both files are missing: the gate is what the sentence is about.
    const gate = await cli(['diff', file('nope.json'), file('nope2.json'), '--fail-on', 'read.p99 >> 10%'])
    expect(gate.exitCode).toBe(2)
    expect(gate.stderr).toMatch(/^Error: --fail-on "read\.p99 >> 10%"/)
    const device = await cli(['diff', '/dev/zero', file('base.json')])
    expect([device.exitCode, device.stderr]).toEqual([2, 'Error: result file "/dev/zero" is larger than 64 MiB, far more than a result file holds: is it the right file?'])
    const workload = await cli(['validate', '/dev/zero'])
    expect([workload.exitCode, workload.stderr]).toEqual([2, 'Error: workload file "/dev/zero" is larger than 64 MiB, far more than a workload file holds: is it the right file?'])
  })
})

describe('run --baseline and reports', () => {
  it('gates a run on its baseline: exit 1, and the JUnit report validates with a failure per failed gate', async () => {
    const run = await cli(['run', file('w.yaml'), '--target', HALF_CACHE, '--baseline', file('base.json'), ...GATES, '--report', file('gated.xml'), '--report', file('gated.md'), '--out', file('gated.json')])
    expect(run.exitCode, run.stderr).toBe(1)
    expect(run.stdout).toMatch(/FAIL {2}hitRatio < -0\.01 {2}\(regressed: /)
    expect(await junitProblems(file('gated.xml'))).toBeNull()
    const xml = readFileSync(file('gated.xml'), 'utf8')
    // The run, no thresholds, two gates.
    expect(xml).toMatch(/<testsuite [^>]*tests="3" failures="[12]"/)
    expect(xml).toMatch(/<failure message="hitRatio &lt; -0\.01: regressed \(baseline 100%|<failure message="hitRatio &lt; -0\.01: regressed \(baseline 99\.\d+%/)
    const result = json<Result>(readFileSync(file('gated.json'), 'utf8'))
    expect(result.gates?.[0]).toMatchObject({metric: 'hitRatio', verdict: 'regressed', pass: false})
    expect(readFileSync(file('gated.md'), 'utf8')).toContain('### Gates against the baseline')
  })

  it('a baseline of another workload stops the gated run with exit 2, after keeping its own result', async () => {
    const run = await cli(['run', file('other.yaml'), '--baseline', file('base.json'), ...GATES, '--out', file('kept.json')])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/not comparable: workload digest differs/)
    expect(json<Result>(readFileSync(file('kept.json'), 'utf8')).workload.name).toBe('diff-check')
  })

  it('--fail-on without --baseline, and a report file of unknown type, are refused before running', async () => {
    const gate = await cli(['run', file('w.yaml'), '--fail-on', 'hitRatio < -0.01'])
    expect([gate.exitCode, gate.stderr]).toEqual([2, 'Error: --fail-on needs --baseline FILE: a gate on change needs a result to compare with.'])
    const report = await cli(['run', file('w.yaml'), '--report', file('r.pdf')])
    expect(report.exitCode).toBe(2)
    expect(report.stderr).toMatch(/--report .*r\.pdf: cannot tell the format from its extension/)
  })

  it('appends the Markdown report to GITHUB_STEP_SUMMARY, keeping what was there', async () => {
    writeFileSync(file('summary.md'), '# earlier step\n')
    const markdown = await cli(['diff', file('base.json'), file('small.json'), ...GATES, '--format', 'markdown'])
    const run = await cli(['diff', file('base.json'), file('small.json'), ...GATES, '--json'], {env: {GITHUB_STEP_SUMMARY: file('summary.md')}})
    expect(run.exitCode).toBe(1)
    expect(readFileSync(file('summary.md'), 'utf8')).toBe(`# earlier step\n${markdown.stdout}\n\n`)
    expect(markdown.stdout).toMatch(/^## cache-bench diff: diff-check — ❌ FAIL/)
  })

  it('--repeat-into alternates runs of two sides into one result each; a run of another workload is refused', async () => {
    for (let i = 0; i < 2; i++) {
      const base = await cli(['run', file('w.yaml'), '--repeat-into', file('reps-base.json')])
      const small = await cli(['run', file('w.yaml'), '--target', HALF_CACHE, '--repeat-into', file('reps-small.json')])
      expect([base.exitCode, small.exitCode]).toEqual([0, 0])
    }
    const single = json<Result>(readFileSync(file('base.json'), 'utf8'))
    const reps = json<Result>(readFileSync(file('reps-base.json'), 'utf8'))
    // Deterministic runs: each repetition's figures are the single run's.
    expect(reps.repetitions?.map((figures) => [figures.hitRatio, figures.misses])).toEqual([
      [single.summary.hitRatio, single.summary.misses],
      [single.summary.hitRatio, single.summary.misses],
    ])
    const other = await cli(['run', file('other.yaml'), '--repeat-into', file('reps-base.json')])
    expect(other.exitCode).toBe(2)
    expect(other.stderr).toMatch(/--repeat-into .*reps-base\.json: this run is not a repetition of the runs there: workload digest differs/)
    // Two repetitions a side can never be significant: the large drop is inconclusive, and the report says why.
    const {diff: report} = await diffHere(file('reps-base.json'), file('reps-small.json'), FAIL_ON)
    expect(report.mode).toBe('statistical')
    expect(report.gates[0]).toMatchObject({verdict: 'inconclusive', pass: true})
    expect(report.notes.join(' ')).toMatch(/fewer than 4 repetitions a side/)
    // Repeated sides: the HTML report gives each gate its p-value and noise band, as the terminal does.
    const html = diffHtmlRenderer.render(report, {colour: false, width: 80})
    const head = html.slice(html.indexOf('<h2>Gates</h2>'), html.indexOf('</thead>', html.indexOf('<h2>Gates</h2>')))
    expect([...head.matchAll(/<th>([^<]*)<\/th>/g)].map((match) => match[1])).toEqual(['gate', 'baseline', 'new', 'change', 'p', 'noise (base | new)', 'verdict'])
    expect(html).toMatch(/<td>[\d.]+%–[\d.]+% \| [\d.]+%–[\d.]+%<\/td><td><span class="pass">/)
  })
})
