import {mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runOutcome} from '../../src/cli/run-outcome.js'
import {loadWorkloadOrTrace} from '../../src/cli/trace-flags.js'
import {InputError} from '../../src/errors.js'
import {RESULT_SCHEMA, type Result} from '../../src/metrics/result.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {cli} from '../helpers/cli.js'

const SMALL = ['--operations', '6000', '--warmup', '1000']

describe('cache-bench run', () => {
  it('runs a bundled workload by name and prints the report within 80 columns, without colour when piped', async () => {
    const run = await cli(['run', 'read-heavy', ...SMALL])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('hit ratio')
    expect(run.stdout).toContain('origin offload')
    expect(run.stdout).toMatch(/read\s+│\s+[\d,]+/)
    expect(run.stdout).not.toContain('\u001B[')
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
  })

  it('--json prints the result of docs/contracts.md on stdout and --out writes the same document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-run-'))
    const out = join(dir, 'result.json')
    const run = await cli(['run', 'workloads/write-heavy.yaml', ...SMALL, '--json', '--out', out])
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    expect(result.schema).toBe(RESULT_SCHEMA)
    expect(result.tool.name).toBe('cache-bench')
    expect(result.workload.name).toBe('write-heavy')
    expect(result.target).toEqual({kind: 'builtin', url: 'builtin://'})
    const s = result.summary
    expect(s.operations).toBe(5000)
    expect(s.reads + s.writes + s.deletes).toBe(s.operations)
    expect(s.hits + s.misses).toBe(s.reads)
    expect(s.hitRatio).toBeCloseTo(s.hits / s.reads, 12)
    expect(s.staleRatio).toBeCloseTo(s.staleReads / s.reads, 12)
    expect(s.origin.readsAvoided).toBeCloseTo(1 - s.origin.reads / s.reads, 12)
    expect(result.latencyMs.read!.count).toBe(s.reads)
    expect(result.latencyMs.read!.p50).toBeLessThanOrEqual(result.latencyMs.read!.p99)
    const written = JSON.parse(readFileSync(out, 'utf8')) as Result
    expect(written.summary).toEqual(result.summary)
    expect(readdirSync(dir)).toEqual(['result.json'])
  })

  it('flags override the file: operations, concurrency, seed', async () => {
    const run = await cli(['run', 'ycsb-c', '--operations', '3000', '--warmup', '0', '--concurrency', '3', '--seed', '5', '--json'])
    const result = JSON.parse(run.stdout) as Result
    expect(result.summary.operations).toBe(3000)
    expect(result.load.concurrency).toBe(3)
    expect(result.seed).toBe(5)
  })

  it('a failed threshold exits 1 and is reported as such; passing ones exit 0', async () => {
    const failing = await cli(['run', 'ycsb-c', ...SMALL, '--threshold', 'hitRatio > 0.999', '--threshold', 'read.p99 < 1h'])
    expect(failing.exitCode).toBe(1)
    expect(failing.stdout).toMatch(/FAIL\s+hitRatio > 0\.999/)
    expect(failing.stdout).toMatch(/PASS\s+read\.p99 < 1h/)
    // The result and its exit code through the functions the command calls (the run above shows
    // how they reach the terminal), without a process for each.
    const thresholdRun = async (threshold: string) =>
      runWorkload(loadWorkloadOrTrace('ycsb-c', {operations: 6000, warmup: '1000', thresholds: [threshold]}))
    const [result, passing] = await Promise.all([thresholdRun('hitRatio > 0.999'), thresholdRun('hitRatio > 0.1')])
    expect(runOutcome(result).exitCode).toBe(1)
    expect(result.thresholds).toEqual([{expression: 'hitRatio > 0.999', actual: result.summary.hitRatio, pass: false}])
    expect(runOutcome(passing).exitCode).toBe(0)
    expect(passing.thresholds).toEqual([{expression: 'hitRatio > 0.1', actual: passing.summary.hitRatio, pass: true}])
  })

  it('connection flags on the built-in engine are named as ignored, and change no figure', async () => {
    const [flagged, plain] = await Promise.all([
      cli(['run', 'ycsb-c', ...SMALL, '--pipeline', '16', '--connections', '8', '--keep-keys', '--json']),
      cli(['run', 'ycsb-c', ...SMALL, '--json']),
    ])
    expect([flagged.exitCode, plain.exitCode]).toEqual([0, 0])
    const [withFlags, without] = [JSON.parse(flagged.stdout) as Result, JSON.parse(plain.stdout) as Result]
    expect(withFlags.warnings).toContain('--connections, --pipeline, --keep-keys apply to real servers (redis://, memcached://): the built-in engine ignored them.')
    expect(without.warnings.join(' ')).not.toMatch(/real servers/)
    expect(withFlags.summary).toEqual(without.summary)
  })

  it('the same seed gives the same counts from the command line', async () => {
    // The second run through the function the command calls: the command adds nothing to the counts.
    const [a, b] = await Promise.all([cli(['run', 'write-heavy', ...SMALL, '--json']), runWorkload(loadWorkloadOrTrace('write-heavy', {operations: 6000, warmup: '1000'}))])
    expect(a.exitCode, a.stderr).toBe(0)
    expect((JSON.parse(a.stdout) as Result).summary).toEqual(b.summary)
  })
})

describe('bad input: one sentence, exit code 2, no stack trace, no results file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-bad-'))
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
  const cases: Array<[string, string[], RegExp]> = [
    ['malformed YAML', [file('syntax.yaml', 'version: 1\nkeyspace: [\n')], /syntax\.yaml:\d+:\d+: /],
    ['bad threshold', [file('ok.yaml', 'version: 1\n'), '--threshold', 'read.p99 <'], /--threshold/],
    ['missing file', ['does-not-exist.yaml'], /does-not-exist/],
    ['unknown target scheme', [file('ok2.yaml', 'version: 1\n'), '--target', 'ftp://x'], /Unknown target scheme "ftp:\/\/"/],
    ['bad builtin parameter', [file('ok3.yaml', 'version: 1\n'), '--target', 'builtin://?maxItems=-1'], /maxItems must be a whole number/],
    ['unknown flag', [file('ok4.yaml', 'version: 1\n'), '--no-such-flag'], /no-such-flag/],
  ]
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const out = join(dir, `${name.replace(/\W+/g, '-')}.json`)
      const run = await cli(['run', ...args, '--out', out])
      expect(run.exitCode).toBe(2)
      expect(run.stderr).toMatch(message)
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1)
      expect(run.stderr).not.toMatch(/\n\s+at /)
      expect(run.stdout).toBe('')
      expect(readdirSync(dir)).not.toContain(out.split('/').pop())
    })
  }

  // The other workload files and target URLs through the functions run calls, in this process:
  // the same sentence, exit code 2, one line (the cases above show how it reaches the terminal).
  const refused: Array<[string, string, string | undefined, RegExp]> = [
    ['unknown field', file('unknown.yaml', 'version: 1\nkeyspace:\n  distrbution: zipfian\n'), undefined, /unknown field "keyspace\.distrbution"; did you mean "distribution"\?/],
    ['negative count', file('count.yaml', 'version: 1\nkeyspace:\n  count: -5\n'), undefined, /keyspace\.count must be a whole number from 1 to 100,000,000 \(got -5\)/],
    ['all-zero mix', file('mix.yaml', 'version: 1\nmix: {read: 0, write: 0}\n'), undefined, /mix weights are all zero/],
    ['theta out of range', file('theta.yaml', 'version: 1\nkeyspace: {theta: 12}\n'), undefined, /keyspace\.theta must be greater than 0 and at most 10/],
    ['warmup ≥ operations', file('warmup.yaml', 'version: 1\nload: {operations: 1000, warmup: 1000}\n'), undefined, /load\.warmup \(1000\) must be less than load\.operations \(1000\)/],
    ['unknown strategy', file('strategy.yaml', 'version: 1\nstrategy: lazy-laoding\n'), undefined, /did you mean "lazy-loading"\?/],
    ['eviction the model lacks', file('ok5.yaml', 'version: 1\n'), 'builtin://?model=redis&eviction=lru', /eviction "lru" is not an eviction of model redis; it accepts noeviction, allkeys-lru/],
  ]
  it.each(refused)('%s (through runWorkload)', async (_name, path, target, message) => {
    const error: unknown = await (async () => runWorkload(loadWorkloadOrTrace(path, {}), {target}))().catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).exitCode).toBe(2)
    expect((error as InputError).message).toMatch(message)
    expect((error as InputError).message.trim().split('\n')).toHaveLength(1)
  })
})
