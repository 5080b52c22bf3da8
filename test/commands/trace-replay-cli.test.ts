import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {cli, ROOT} from '../helpers/cli.js'
import {traceDir, twitterLines, writeTrace, type Request} from '../trace/fixtures.js'

const dir = traceDir()
const requests: Request[] = Array.from({length: 200}, (_, index) => ({timeS: index, key: `k${index % 20}`, valueBytes: 64, command: index % 4 === 0 ? 'set' : 'get', ttl: 0}))

describe('run --trace', () => {
  it('replays a trace without a workload file', async () => {
    const good = writeTrace(dir, 'good.csv.gz', twitterLines(requests))
    const run = await cli(['run', '--trace', good, '--trace-format', 'twitter', '--json'])
    expect(run.exitCode, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    expect([result.summary.reads, result.summary.writes]).toEqual([150, 50])
    expect(result.trace).toMatchObject({format: 'twitter', requests: 200, distinctKeys: 20, speed: 1, badRecords: 0})
  })

  const bad = writeTrace(dir, 'bad.csv', twitterLines(requests.slice(0, 10)) + '5,k1,2,oops,7,get,0\n' + twitterLines(requests.slice(10)))

  it('refuses a malformed record with exit 2, naming file:line', async () => {
    const refused = await cli(['run', '--trace', bad, '--trace-format', 'twitter'])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toContain(`Error: ${bad}:11: malformed twitter record: expected whole byte counts for key and value size, got "2" and "oops".`)
  })

  it('tolerates and counts malformed records under --skip-bad-records', async () => {
    const tolerated = await cli(['run', '--trace', bad, '--trace-format', 'twitter', '--skip-bad-records', '1', '--json'])
    expect(tolerated.exitCode, tolerated.stderr).toBe(0)
    expect(JSON.parse(tolerated.stdout).trace).toMatchObject({requests: 200, badRecords: 1})
  })

  it('--trace-speed paces the replay: 10 replays the 199 s of the trace in a tenth of it, max back to back', async () => {
    const good = writeTrace(dir, 'paced.csv', twitterLines(requests))
    const [paced, backToBack] = await Promise.all(
      ['10', 'max'].map((speed) => cli(['run', '--trace', good, '--trace-format', 'twitter', '--trace-speed', speed, '--warmup', '0', '--json'])),
    )
    expect([paced.exitCode, backToBack.exitCode], paced.stderr + backToBack.stderr).toEqual([0, 0])
    const [tenfold, max] = [JSON.parse(paced.stdout), JSON.parse(backToBack.stdout)]
    expect(tenfold.trace.speed).toBe(10)
    // The last request is due at 199 s / 10 = 19.9 s, and a replay's requests take milliseconds.
    expect(tenfold.durationMs).toBeGreaterThanOrEqual(19_900)
    expect(tenfold.durationMs).toBeLessThan(20_900)
    expect(max.trace.speed).toBe('max')
    expect(max.durationMs).toBeLessThan(19_900)
    expect([max.summary.reads, max.summary.writes]).toEqual([150, 50])
  })

  it('--trace-speed refuses what is not a pace; the trace flags need a trace', async () => {
    const good = writeTrace(dir, 'unpaced.csv', twitterLines(requests))
    const fast = await cli(['run', '--trace', good, '--trace-format', 'twitter', '--trace-speed', 'fast'])
    expect(fast.exitCode).toBe(2)
    expect(fast.stderr).toMatch(/^Error: --trace-speed: trace\.speed must be a positive number .* or max \(got "fast"\)\.$/m)
    // A workload file's trace format does not carry over to another file given by --trace.
    const workload = join(dir, 'replay-twitter.yaml')
    writeFileSync(workload, 'version: 1\ntrace: {file: unpaced.csv, format: twitter}\n')
    const formatless = await cli(['run', workload, '--trace', good, '--trace-speed', 'max'])
    expect([formatless.exitCode, formatless.stderr.trim()]).toEqual([2, 'Error: --trace needs --trace-format (one of twitter, meta-kv, oracle-general, redis-monitor, memcached-watch, csv).'])
    const alone = await cli(['run', 'read-heavy', '--trace-speed', '10'])
    expect([alone.exitCode, alone.stderr.trim()]).toEqual([2, 'Error: --trace-speed applies to a trace replay: give --trace FILE, or a workload with a trace: section.'])
    // The other trace flags too, rather than being ignored.
    const others = await cli(['mrc', 'read-heavy', '--trace-format', 'twitter', '--skip-bad-records', '3'])
    expect([others.exitCode, others.stderr.trim()]).toEqual([2, 'Error: --trace-format, --skip-bad-records apply to a trace replay: give --trace FILE, or a workload with a trace: section.'])
  })

  it('without a workload or a trace, says what to give and exits 2', async () => {
    const run = await cli(['run'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('Give a workload file (or bundled workload name), or a trace with --trace FILE --trace-format FORMAT.')
  })
})

describe('a trace that is not a regular file', () => {
  it('refuses a device, which would never end, with exit 2', async () => {
    // Read as records, /dev/zero is an endless trace of one key: the scan would run until killed.
    const refused = await cli(['trace', 'stats', '/dev/zero', '--format', 'oracle-general'])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toContain('Error: trace file "/dev/zero" is not a regular file (a pipe or a device, which can be read once at most); save the trace to a file first')
  })

  it('refuses a named pipe no one writes to at once, instead of waiting for a writer for ever', async () => {
    const fifo = join(dir, 'no-writer.fifo')
    await execa('mkfifo', [fifo])
    for (const command of [['trace', 'stats', fifo, '--format', 'twitter'], ['run', '--trace', fifo, '--trace-format', 'twitter', '--operations', '100']]) {
      // The helper kills a command still running after 60 s: a wait for a writer fails the test.
      const refused = await cli(command)
      expect(refused.exitCode, refused.stderr).toBe(2)
      expect(refused.stderr).toContain(`Error: trace file "${fifo}" is not a regular file (a pipe or a device, which can be read once at most)`)
    }
  })

  it('refuses a pipe, which a second pass would find empty, instead of reporting no requests', async () => {
    const file = writeTrace(dir, 'piped.csv', twitterLines(requests))
    // Through a shell's pipe, as a user would write it. mrc reads a trace twice: once to size it,
    // once to walk it; read from a pipe, the walk found nothing and reported 0 reads.
    const piped = await execa('bash', ['-c', 'cat "$0" | node bin/run.js mrc --trace /dev/stdin --trace-format twitter --json', file], {
      cwd: ROOT,
      env: {NODE_ENV: 'production'},
      reject: false,
      timeout: 60_000,
    })
    expect(piped.exitCode).toBe(2)
    expect(String(piped.stderr)).toContain('Error: trace file "/dev/stdin" is not a regular file')
  })
})
