import {mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli} from '../helpers/cli.js'

describe('cache-bench validate', () => {
  it('accepts every bundled workload, one line each', async () => {
    const files = readdirSync('workloads').filter((name) => name.endsWith('.yaml'))
    const run = await cli(['validate', ...files.map((name) => `workloads/${name}`)])
    expect(run.exitCode).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(files.length)
    expect(run.stdout).toMatch(/^ok {2}workloads\/read-heavy\.yaml: 100000 keys zipfian θ=0\.99, 95\/5\/0 read\/write\/delete, lazy-loading ttl 10s, /m)
    // Each line says what the file does: messaging workloads have no keys, mix or strategy; structure mixes no reads.
    expect(run.stdout).toMatch(/^ok {2}workloads\/pubsub-fanout\.yaml: Pub\/Sub: 200 channels zipfian θ=0\.99, 256B messages, 20 subscribers, 10s at 500\/s$/m)
    expect(run.stdout).toMatch(/^ok {2}workloads\/sensor-stream\.yaml: Streams: 50 streams zipfian θ=0\.99, 256B messages, 2 groups × 4 consumers, maxlen ~10000, 100000 messages at 5000\/s$/m)
    expect(run.stdout).toMatch(/^ok {2}workloads\/dashboard-feed\.yaml: 100000 keys zipfian θ=0\.99, 30\/70 lpush\/lrange, /m)
  })

  it('checks every file: a sentence for each invalid one, a line for each valid one, exit code 2', async () => {
    const run = await cli(['validate', 'nope.yaml', 'workloads/read-heavy.yaml', 'also-missing.yaml', 'workloads/ycsb-a.yaml'])
    expect(run.exitCode).toBe(2)
    const errors = run.stderr.trim().split('\n')
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(/^Error: no workload file or bundled workload named "nope\.yaml"/)
    expect(errors[1]).toMatch(/^Error: no workload file or bundled workload named "also-missing\.yaml"/)
    expect(run.stdout.trim().split('\n').map((line) => line.split(':')[0])).toEqual(['ok  workloads/read-heavy.yaml', 'ok  workloads/ycsb-a.yaml'])
  })

  it('refuses what the target cannot carry out with the sentence run gives, before connecting to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-validate-target-'))
    const lease = join(dir, 'lease.yaml')
    writeFileSync(lease, 'version: 1\nkeyspace: {count: 100}\nstrategy: {name: lazy-loading, lease: true}\nload: {operations: 1000}\n')
    const scaleOut = join(dir, 'scale-out.yaml')
    writeFileSync(scaleOut, 'version: 1\nkeyspace: {count: 1000}\nload: {operations: 5000}\nevents: [{at: 10ms, action: scale-out}]\n')
    // Nothing listens on port 1: a check that connected would fail otherwise.
    const cases = [
      [lease, '--target', 'redis://127.0.0.1:1'],
      ['leaderboard', '--target', 'memcached://127.0.0.1:1'],
      [scaleOut],
    ]
    for (const args of cases) {
      const [validate, run] = await Promise.all([cli(['validate', ...args]), cli(['run', ...args])])
      expect(run.exitCode, run.stderr).toBe(2)
      expect([validate.exitCode, validate.stderr.trim()]).toEqual([2, run.stderr.trim()])
    }
    expect((await cli(['validate', scaleOut, '--target', 'builtin://?nodes=2'])).exitCode).toBe(0)
  })

  it('describes a trace workload by its trace, and refuses one whose trace file is missing, as a replay would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-validate-'))
    writeFileSync(join(dir, 't.csv'), '0,k1,10,100,1,get,0\n')
    const workload = (trace: string, load = '') => `version: 1\ntrace: {file: ${trace}, format: twitter}\n${load}strategy: {name: lazy-loading, ttl: 1h}\n`
    writeFileSync(join(dir, 'whole.yaml'), workload('t.csv'))
    writeFileSync(join(dir, 'first.yaml'), workload('t.csv', 'load: {duration: 10m}\n'))
    writeFileSync(join(dir, 'paced.yaml'), workload('t.csv', 'load: {rate: 5k/s}\n'))
    writeFileSync(join(dir, 'missing.yaml'), workload('gone.csv'))
    const run = await cli(['validate', join(dir, 'whole.yaml'), join(dir, 'first.yaml'), join(dir, 'paced.yaml'), join(dir, 'missing.yaml')])
    expect(run.exitCode).toBe(2)
    const lines = run.stdout.trim().split('\n')
    expect(lines[0]).toBe(`ok  ${join(dir, 'whole.yaml')}: trace ${join(dir, 't.csv')} (twitter), the whole trace at its own pace, lazy-loading ttl 60m`)
    expect(lines[1]).toMatch(/: trace .*t\.csv \(twitter\), its first 10m at its own pace, /)
    // A rate replaces the trace's times.
    expect(lines[2]).toMatch(/: trace .*t\.csv \(twitter\), the whole trace at 5000\/s, lazy-loading ttl 60m$/)
    expect(lines).toHaveLength(3)
    expect(run.stderr.trim()).toBe(`Error: trace file "${join(dir, 'gone.csv')}" does not exist.`)
  })

  it('--json with an invalid file: the sentence on stderr, and a document saying which sources failed', async () => {
    const run = await cli(['validate', 'workloads/read-heavy.yaml', 'nope.yaml', '--json'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim()).toMatch(/^Error: no workload file or bundled workload named "nope\.yaml"/)
    const report = JSON.parse(run.stdout) as {valid: boolean; workloads: Array<{name: string}>; errors: Array<{source: string; message: string}>}
    expect(report.valid).toBe(false)
    expect(report.workloads.map((workload) => workload.name)).toEqual(['read-heavy'])
    expect(report.errors.map((error) => error.source)).toEqual(['nope.yaml'])
  })
})

describe('cache-bench workloads', () => {
  it('lists every bundled workload with its description', async () => {
    const run = await cli(['workloads'])
    expect(run.exitCode).toBe(0)
    const names = run.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0])
    expect(names).toEqual(readdirSync('workloads').filter((n) => n.endsWith('.yaml')).map((n) => n.replace(/\.yaml$/, '')).sort())
    expect(run.stdout).toMatch(/^no-cache\s+\S.+/m)
  })

  it('--json lists name, description and file', async () => {
    const run = await cli(['workloads', '--json'])
    const list = JSON.parse(run.stdout) as Array<{name: string; file: string}>
    expect(list.find((w) => w.name === 'ycsb-a')?.file).toMatch(/workloads\/ycsb-a\.yaml$/)
  })
})

describe('--help', () => {
  it('every command has help with examples', async () => {
    for (const command of ['run', 'validate', 'workloads']) {
      const run = await cli([command, '--help'])
      expect(run.exitCode).toBe(0)
      expect(run.stdout).toContain('EXAMPLES')
    }
  })

  it('describes the trace topic as a whole, not by the first of its commands', async () => {
    const run = await cli(['--help'])
    expect(run.exitCode).toBe(0)
    const topic = run.stdout.slice(run.stdout.indexOf('TOPICS'), run.stdout.indexOf('COMMANDS')).replace(/\s+/g, ' ')
    expect(topic).toContain('trace Cache traces: describe one (stats), fit a workload to one (fit), or record one from a live server (capture).')
  })
})
