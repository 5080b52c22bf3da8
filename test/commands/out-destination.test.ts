import {execa} from 'execa'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli, ROOT} from '../helpers/cli.js'

describe('run --out', () => {
  it('refuses a destination that cannot be written before the run starts (exit 2, nothing run)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-out-'))
    const notADirectory = join(dir, 'plain-file')
    writeFileSync(notADirectory, 'x')
    for (const out of [join(dir, 'missing', 'result.json'), join(notADirectory, 'result.json'), dir]) {
      const run = await cli(['run', 'read-heavy', '--out', out])
      expect(run.exitCode).toBe(2)
      expect(run.stderr).toContain(`--out "${out}" cannot be written`)
      // Refused before the run: no report at all.
      expect(run.stdout).toBe('')
    }
  })

  it('when writing still fails at the end, prints the report and says nothing was written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-out-'))
    const target = join(dir, 'later')
    mkdirSync(target)
    const out = join(target, 'result.json')
    const workload = join(dir, 'long.yaml')
    writeFileSync(workload, 'version: 1\nkeyspace: {count: 10000}\norigin: {latency: 1ms}\nload: {operations: 50000000, concurrency: 8}\n')
    const child = execa('node', ['bin/run.js', 'run', workload, '--out', out, '--progress'], {
      cwd: ROOT,
      reject: false,
      env: {NODE_ENV: 'production', NO_COLOR: ''},
      timeout: 60_000,
    })
    // The first progress line says the run is under way: the destination was checked and found writable.
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        if (/ops\/s/.test(String(chunk))) resolve()
      })
    })
    rmSync(target, {recursive: true})
    child.kill('SIGINT')
    const run = await child
    expect(run.exitCode).toBe(2)
    expect(String(run.stdout)).toMatch(/^workload\s+long/m)
    expect(String(run.stdout)).toMatch(/hit ratio/)
    expect(String(run.stderr)).toContain(`--out: cannot write "${out}": the directory does not exist; nothing was written there`)
    expect(existsSync(out)).toBe(false)
  })
})
