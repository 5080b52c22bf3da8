import {execa} from 'execa'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {ROOT} from '../helpers/cli.js'

describe('Ctrl-C during a run', () => {
  it('stops gracefully: a valid result marked incomplete is printed and written, exit code 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-int-'))
    const workload = join(dir, 'long.yaml')
    // Far more simulated work than fits in the few hundred ms before the signal.
    writeFileSync(workload, 'version: 1\nkeyspace: {count: 100000}\norigin: {latency: 1ms}\nload: {operations: 50000000, concurrency: 8}\n')
    const out = join(dir, 'result.json')
    const child = execa('node', ['bin/run.js', 'run', workload, '--json', '--out', out, '--progress'], {
      cwd: ROOT,
      reject: false,
      env: {NODE_ENV: 'production'},
      timeout: 60_000,
    })
    // The first progress line says the load has started (before it, Ctrl-C ends the process at once).
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        if (/ops\/s/.test(String(chunk))) resolve()
      })
    })
    child.kill('SIGINT')
    const run = await child
    expect(run.exitCode).toBe(3)
    const printed = JSON.parse(String(run.stdout)) as Result
    const written = JSON.parse(readFileSync(out, 'utf8')) as Result
    expect(printed.complete).toBe(false)
    expect(written.summary).toEqual(printed.summary)
    expect(printed.summary.operations).toBeGreaterThan(0)
    expect(printed.summary.operations).toBeLessThan(50_000_000)
    expect(printed.summary.hits + printed.summary.misses).toBe(printed.summary.reads)
    expect(String(run.stderr)).toMatch(/Stopping/)
  })
})
