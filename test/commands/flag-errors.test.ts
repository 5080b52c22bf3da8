import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'

describe('flag and command errors keep their reason in one sentence, exit 2', () => {
  it('names the flag and says what was wrong with its value, or which argument is missing', async () => {
    const cases: Array<[string[], string]> = [
      [['run', 'read-heavy', '--workers', 'abc'], 'Error: --workers: Expected an integer but received: abc; see "cache-bench run --help".'],
      [['run', 'read-heavy', '--workers', '0'], 'Error: --workers: Expected an integer greater than or equal to 1 but received: 0; see "cache-bench run --help".'],
      [['run'], 'Error: Give a workload file (or bundled workload name), or a trace with --trace FILE --trace-format FORMAT.'],
      [['compare'], 'Error: Give a workload file (or bundled workload name), or a trace with --trace FILE --trace-format FORMAT.'],
      [['diff', 'base.json'], 'Error: missing the argument NEW; see "cache-bench diff --help".'],
      [['run', 'read-heavy', '--out'], 'Error: Flag --out expects a value; see "cache-bench run --help".'],
      // Past the file descriptors a process may hold, connecting took 22 s and 2 GB before failing with EMFILE.
      [['run', 'read-heavy', '--connections', '100000'], 'Error: --connections: Expected an integer less than or equal to 10000 but received: 100000; see "cache-bench run --help".'],
      // A command under a topic is named as it is typed, with a space; a required flag left out is named alone.
      [['trace', 'stats', 'requests.csv'], 'Error: --format is required; see "cache-bench trace stats --help".'],
      [['trace', 'stats', 'requests.csv', '--format', 'tsv'], 'Error: Expected --format=tsv to be one of: twitter, meta-kv, oracle-general, redis-monitor, memcached-watch, csv; see "cache-bench trace stats --help".'],
    ]
    const runs = await Promise.all(cases.map(([args]) => cli(args)))
    runs.forEach((run, index) => {
      expect(run.exitCode, cases[index][0].join(' ')).toBe(2)
      expect(run.stderr.trim()).toBe(cases[index][1])
    })
  })

  it('suggests the nearest command for a mistyped one, and lists them when none is near', async () => {
    const [typo, unknown] = await Promise.all([cli(['rnu', 'read-heavy']), cli(['frobnicate'])])
    expect(typo.exitCode).toBe(2)
    expect(typo.stderr.trim()).toBe('Error: "rnu" is not a cache-bench command; did you mean "run"? See "cache-bench --help".')
    expect(unknown.exitCode).toBe(2)
    expect(unknown.stderr.trim()).toBe('Error: "frobnicate" is not a cache-bench command; the commands are compare, diff, help, merge, mrc, plan, run, trace capture, trace fit, trace stats, validate, workloads. See "cache-bench --help".')
  })

  it('an argument to a command that takes none is named as such, not as a mistyped command', async () => {
    // It read: "workloads" is not a cache-bench command; did you mean "workloads"?
    const run = await cli(['workloads', 'foo'])
    expect([run.exitCode, run.stderr.trim()]).toEqual([2, 'Error: "cache-bench workloads" takes no arguments (got "foo"); see "cache-bench workloads --help".'])
  })

  it('a mistyped command under a topic is named with its topic, and the nearest command of the topic', async () => {
    const [typo, unknown] = await Promise.all([cli(['trace', 'stat', 'file.csv']), cli(['trace', 'bogus'])])
    expect([typo.exitCode, typo.stderr.trim()]).toEqual([2, 'Error: "trace stat" is not a cache-bench command; did you mean "trace stats"? See "cache-bench --help".'])
    expect([unknown.exitCode, unknown.stderr.trim()]).toEqual([
      2,
      'Error: "trace bogus" is not a cache-bench command; the trace commands are trace capture, trace fit, trace stats. See "cache-bench --help".',
    ])
  })

  it('an unknown flag is named with the nearest flag the command knows, or the help when none is near', async () => {
    const [typo, far, two, merge] = await Promise.all([
      cli(['run', 'read-heavy', '--opertions=5']),
      cli(['run', 'read-heavy', '--frobnicate']),
      cli(['run', 'read-heavy', '--opertions', '5', '--concurency', '2']),
      cli(['merge', 'a.json', '--partail']),
    ])
    expect(typo.exitCode).toBe(2)
    expect(typo.stderr.trim()).toBe('Error: --opertions is not a flag of "cache-bench run"; did you mean --operations? See "cache-bench run --help".')
    expect(far.exitCode).toBe(2)
    expect(far.stderr.trim()).toBe('Error: --frobnicate is not a flag of "cache-bench run"; see "cache-bench run --help".')
    expect(two.exitCode).toBe(2)
    expect(two.stderr.trim()).toBe(
      'Error: --opertions (did you mean --operations?) and --concurency (did you mean --concurrency?) are not flags of "cache-bench run"; see "cache-bench run --help".',
    )
    expect(merge.exitCode).toBe(2)
    expect(merge.stderr.trim()).toBe('Error: --partail is not a flag of "cache-bench merge"; did you mean --partial? See "cache-bench merge --help".')
  })

  it('-h shows the help, with the defaults of flags whose value does not come from the workload', async () => {
    const help = await cli(['run', '-h'])
    expect(help.exitCode).toBe(0)
    const text = help.stdout.replace(/\s+/g, ' ')
    expect(text).toContain('USAGE $ cache-bench run [WORKLOAD]')
    expect(text).toContain('--connections=<value> Client connections per node (at most 10,000). [default: 4]')
    expect(text).toContain('(exit 3). [default: 3s]')
    expect(text).toContain("[default: the workload's load.concurrency]")
  })

  it('a --threshold before the workload name takes one value: the run goes ahead with it', async () => {
    const run = await cli(['run', '--threshold', 'hitRatio >= 0.99', 'read-heavy', '--operations', '30000', '--warmup', '0', '--json'])
    expect(run.stderr).toBe('')
    const result = JSON.parse(run.stdout) as Result
    expect(result.workload.name).toBe('read-heavy')
    expect(result.thresholds.map((threshold) => threshold.expression)).toContain('hitRatio >= 0.99')
    // The exit code follows the threshold it was given.
    const threshold = result.thresholds.find((outcome) => outcome.expression === 'hitRatio >= 0.99')
    expect(run.exitCode).toBe(threshold?.pass ? 0 : 1)
    expect(threshold?.actual).toBe(result.summary.hitRatio)
  })

  it('--timeout and --connect-timeout past an hour are refused: past 2^31 ms a timer fires at once', async () => {
    const [timeout, connect] = await Promise.all([
      cli(['run', 'read-heavy', '--target', 'redis://127.0.0.1:1', '--timeout', '1000000h']),
      cli(['run', 'read-heavy', '--target', 'redis://127.0.0.1:1', '--connect-timeout', '0ms']),
    ])
    expect([timeout.exitCode, timeout.stderr.trim()]).toEqual([2, 'Error: --timeout must be longer than 0 and at most 60m, e.g. 500ms (got "1000000h").'])
    expect([connect.exitCode, connect.stderr.trim()]).toEqual([2, 'Error: --connect-timeout must be longer than 0 and at most 60m, e.g. 500ms (got "0ms").'])
  })
})
