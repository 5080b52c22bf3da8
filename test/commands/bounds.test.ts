import {availableParallelism} from 'node:os'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {checkRepeatKeepsKeys} from '../../src/cli/baseline-flags.js'
import {runOptionsFromFlags} from '../../src/cli/run-flags.js'
import {loadWorkloadOrTrace} from '../../src/cli/trace-flags.js'
import {InputError} from '../../src/errors.js'
import {resolveWorkloadSource} from '../../src/workload/bundled.js'
import {loadWorkload} from '../../src/workload/load-workload.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {cli} from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-bounds-'))
function file(name: string, body: string): string {
  const path = join(dir, name)
  writeFileSync(path, `version: 1\n${body}\n`)
  return path
}

function thrownBy(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  throw new Error('expected an error, none was thrown')
}

describe('size-like values are bounded by what the machine can hold', () => {
  const refused: [string, string, RegExp][] = [
    ['keys', 'keyspace: {count: 1000000000000}', /keyspace\.count must be a whole number from 1 to 100,000,000 \(got 1000000000000\)/],
    ['concurrency', 'load: {concurrency: 1000000000}', /load\.concurrency must be a whole number from 1 to 100,000/],
    ['cache latency', 'cache: {latency: 1000000000000}', /cache\.latency must be .*at most 60m/],
    ['origin latency', 'origin: {latency: 1e308}', /origin\.latency must be .*at most 60m/],
    ['members', 'structures: {sortedSets: {members: 1000000000000}}', /structures\.sortedSets\.members must be a whole number from 1 to 10,000,000/],
    ['value size', 'values: {size: 1000000000000000}', /values\.size must be .*at most 512MiB/],
  ]
  it('validate and run refuse oversized keys with the limit in the message, in one line (exit 2)', async () => {
    const [name, body, message] = refused[0]
    const path = file(`${name}.yaml`, body)
    const [validate, run] = await Promise.all([cli(['validate', path]), cli(['run', path])])
    for (const outcome of [validate, run]) {
      expect(outcome.exitCode).toBe(2)
      expect(outcome.stderr).toMatch(message)
      expect(outcome.stderr.trim().split('\n')).toHaveLength(1)
    }
  })

  // The other sizes through the function both commands load a workload with (the command above
  // shows how its error reaches the terminal), without starting a process for each.
  it.each(refused.slice(1))('validate and run refuse the same oversized %s with the limit in the message (exit 2)', (name, body, message) => {
    const path = file(`${name.replace(' ', '-')}.yaml`, body)
    for (const load of [() => loadWorkload(resolveWorkloadSource(path)), () => loadWorkloadOrTrace(path, {})]) {
      const error = thrownBy(load)
      expect(error).toBeInstanceOf(InputError)
      expect((error as InputError).exitCode).toBe(2)
      expect((error as InputError).message).toMatch(message)
      expect((error as InputError).message.trim().split('\n')).toHaveLength(1)
    }
  })

  it('mix weights near the largest double are normalised, not shown as 0/0/0', async () => {
    const run = await cli(['validate', file('huge-weights.yaml', 'mix: {read: 1e308, write: 1e308}')])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('50/50/0 read/write/delete')
  })

  it('--workers beyond 4 per core is refused with the limit', async () => {
    const limit = Math.min(64, 4 * availableParallelism())
    const run = await cli(['run', 'read-heavy', '--workers', '1000'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain(`--workers 1000 is more than this machine can run usefully: at most ${limit}`)
  })

  it('a latency of minutes per call (5m typed for 5ms) is run, with a warning from validate and in the result', async () => {
    const path = file('typo.yaml', 'origin: {latency: 5m}\nload: {operations: 320, concurrency: 32}')
    const validate = await cli(['validate', path])
    expect(validate.exitCode).toBe(0)
    expect(validate.stderr).toMatch(/origin\.latency models 5m per call, which is implausible/)
    const run = await cli(['run', path, '--json'])
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout) as Result
    expect(result.warnings.join(' ')).toMatch(/origin\.latency models 5m per call/)
  })

  it('a TTL of a few milliseconds (ttl: 10, a bare number, for ten seconds) is run, with a warning from validate and in the result', async () => {
    const path = file('ttl.yaml', 'strategy: {name: lazy-loading, ttl: 10}\nload: {operations: 320, concurrency: 32}')
    const validate = await cli(['validate', path])
    expect(validate.exitCode).toBe(0)
    expect(validate.stderr).toMatch(/strategy\.ttl is 10ms, which is implausible for a cache \(a bare number is milliseconds: was 10s meant\?\)/)
    const run = await cli(['run', path, '--json'])
    expect(run.exitCode).toBe(0)
    expect((JSON.parse(run.stdout) as Result).warnings.join(' ')).toMatch(/strategy\.ttl is 10ms/)
  })
})

describe('--repeat with --keep-keys and --key-prefix', () => {
  it('is refused up front on a server, where the second run found the keys of the first under the prefix; the built-in engine keeps nothing', async () => {
    const refused = await cli(['run', 'read-heavy', '--target', 'memcached://127.0.0.1:1', '--repeat', '2', '--key-prefix', 'rr:', '--keep-keys'])
    expect([refused.exitCode, refused.stderr.trim()]).toEqual([
      2,
      'Error: --repeat 2 with --keep-keys and --key-prefix "rr:": the first run\'s keys would stay under the prefix each later run must find empty; drop --keep-keys, or leave --key-prefix out so each run takes a prefix of its own.',
    ])
    expect(() => checkRepeatKeepsKeys({repeat: 2, target: 'builtin://', 'keep-keys': true, 'key-prefix': 'rr:'})).not.toThrow()
    expect(() => checkRepeatKeepsKeys({repeat: 1, target: 'redis://x', 'keep-keys': true, 'key-prefix': 'rr:'})).not.toThrow()
  })
})

describe('--interval', () => {
  it('0s is refused naming the flag, as any flag mistake is', () => {
    expect(() => runOptionsFromFlags({interval: '0s'})).toThrow(InputError)
    expect(() => runOptionsFromFlags({interval: '0s'})).toThrow('--interval must be a positive duration such as 1s or 500ms (got "0s").')
    expect(runOptionsFromFlags({interval: '500ms'}).intervalMs).toBe(500)
  })

  it('1us on a 3,000-operation run: intervals are widened to at most 10,000, the counts still add up, and the report says so', async () => {
    const path = file('short.yaml', 'keyspace: {count: 1000}\norigin: {latency: 2ms}\nload: {operations: 3000, concurrency: 8}')
    const run = await cli(['run', path, '--interval', '1us', '--json'])
    expect(run.exitCode).toBe(0)
    // Before: 137 MB for the same run.
    expect(run.stdout.length).toBeLessThan(5_000_000)
    const result = JSON.parse(run.stdout) as Result
    expect(result.timeline.length).toBeGreaterThan(0)
    expect(result.timeline.length).toBeLessThanOrEqual(10_000)
    // Widened by doubling from 1us.
    const factor = result.timelineIntervalMs / 0.001
    expect(Math.log2(factor)).toBeCloseTo(Math.round(Math.log2(factor)), 9)
    expect(factor).toBeGreaterThan(1)
    expect(result.timeline.reduce((sum, point) => sum + point.operations, 0)).toBe(result.summary.operations)
    for (const [index, point] of result.timeline.entries()) expect(point.atMs).toBeCloseTo(index * result.timelineIntervalMs, 6)
    expect(result.warnings.join(' ')).toMatch(/timeline interval was widened from 1us to .* at most 10,000 intervals/)

    const terminal = await cli(['run', path, '--interval', '1us'])
    expect(terminal.exitCode).toBe(0)
    expect(terminal.stderr).not.toMatch(/Maximum call stack/)
  })

  it('a run given fewer timeline intervals (a cell of a large comparison) widens to stay within them, counts intact', async () => {
    const path = file('capped.yaml', 'keyspace: {count: 1000}\norigin: {latency: 2ms}\nload: {operations: 3000, concurrency: 8, warmup: 0}')
    const result = await runWorkload(loadWorkload(path), {intervalMs: 0.01, maxTimelineIntervals: 50})
    expect(result.timeline.length).toBeGreaterThan(0)
    expect(result.timeline.length).toBeLessThanOrEqual(50)
    expect(result.timeline.reduce((sum, point) => sum + point.operations, 0)).toBe(result.summary.operations)
    expect(result.warnings.join(' ')).toMatch(/timeline interval was widened from 10us to .* at most 50 intervals/)
  })
})

describe('warm-up', () => {
  it('--operations below a bundled workload’s warm-up names the flag that fixes it, and that flag works', async () => {
    const refused = await cli(['run', 'read-heavy', '--operations', '2000'])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/--operations: load\.warmup \(20000\) must be less than load\.operations \(2000\); .*--warmup 200/)
    const fixed = await cli(['run', 'read-heavy', '--operations', '2000', '--warmup', '200', '--json'])
    expect(fixed.exitCode).toBe(0)
    expect((JSON.parse(fixed.stdout) as Result).summary.operations).toBe(1800)
  })
})
