import {execa} from 'execa'
import {existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
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

  it('refuses an empty path (an unset shell variable) on run, compare and merge, where it ran and wrote nothing unsaid', async () => {
    const runs = await Promise.all([['run', 'read-heavy'], ['compare', 'read-heavy', '--ttl', '1s,2s'], ['merge', 'part.json']].map((command) => cli([...command, '--out='])))
    expect(runs.map((run) => [run.exitCode, run.stdout, run.stderr.trim()])).toEqual(
      ['run', 'compare', 'merge'].map((command) => [2, '', `Error: --out: needs a path; got an empty one; see "cache-bench ${command} --help".`]),
    )
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

describe('two outputs naming one file', () => {
  it('are refused before anything runs (exit 2): the report would have replaced the result written there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-out-same-'))
    const file = join(dir, 'x.md')
    writeFileSync(file, 'kept')
    for (const flags of [['--out', file, '--report', file], ['--report', file, '--report', join(dir, '.', 'x.md')], ['--out', file, '--repeat-into', file]]) {
      const run = await cli(['run', 'read-heavy', '--operations', '2000', '--warmup', '0', ...flags])
      expect(run.exitCode).toBe(2)
      expect(run.stderr.trim()).toMatch(/^Error: --\S+ and --\S+ both name .*x\.md: one would overwrite the other; give each its own file\.$/)
      expect(run.stdout).toBe('')
    }
    expect(readFileSync(file, 'utf8')).toBe('kept')
    const merged = await cli(['merge', file, '--out', file, '--report', file])
    expect(merged.exitCode).toBe(2)
    expect(merged.stderr).toContain('--out and --report both name')
  })

  it('through a link: --out to a link to the --report file is refused; a link to a file not made yet is written through, the link kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-out-link-'))
    const report = join(dir, 'x.html')
    writeFileSync(report, 'kept')
    symlinkSync(report, join(dir, 'x.json'))
    const clash = await cli(['run', 'read-heavy', '--operations', '2000', '--warmup', '0', '--out', join(dir, 'x.json'), '--report', report])
    expect([clash.exitCode, clash.stderr.trim()]).toEqual([2, `Error: --out and --report name one file, ${join(dir, 'x.json')} and ${report} (${realpathSync(report)}): one would overwrite the other; give each its own file.`])
    expect(readFileSync(report, 'utf8')).toBe('kept')
    // A dangling link: the result goes to where it leads, and the link stays a link.
    symlinkSync('later.json', join(dir, 'out.json'))
    const run = await cli(['run', 'read-heavy', '--operations', '2000', '--warmup', '0', '--out', join(dir, 'out.json')])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(lstatSync(join(dir, 'out.json')).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, 'later.json'), 'utf8')).schema).toBe('cache-bench.result/v1')
  })
})

describe('standard output that cannot be written', () => {
  it('ends with one sentence and exit 2, not a stack trace or a success', async () => {
    // /dev/full fails every write with ENOSPC: a disk that filled up under `run --json > r.json`.
    for (const format of [['--json'], []]) {
      const run = await execa('bash', ['-c', 'node bin/run.js run read-heavy --operations 2000 --warmup 0 "$@" > /dev/full', 'run', ...format], {
        cwd: ROOT,
        reject: false,
        env: {NODE_ENV: 'production', NO_COLOR: ''},
        timeout: 60_000,
      })
      expect(run.exitCode, String(run.stderr)).toBe(2)
      expect(String(run.stderr)).toBe('Error: the output could not be written to standard output: no space left on the device; nothing more was written.')
    }
  })

  it('a reader that stops early (| head) ends the command quietly, as before', async () => {
    // The HTML report (about 80 kB) outgrows the pipe's buffer, so writing it meets the closed pipe.
    const run = await execa('bash', ['-c', 'node bin/run.js run read-heavy --operations 2000 --warmup 0 --format html | head -c 1; exit ${PIPESTATUS[0]}'], {
      cwd: ROOT,
      reject: false,
      env: {NODE_ENV: 'production', NO_COLOR: ''},
      timeout: 60_000,
    })
    expect(String(run.stdout)).toBe('<')
    expect(String(run.stderr)).toBe('')
    expect(run.exitCode).toBe(0)
  })
})

describe('report files and compare --out are checked before any work', () => {
  it('a --report file in a missing folder: exit 2 before the run, no report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-report-'))
    const report = join(dir, 'missing', 'report.html')
    for (const command of [['run', 'read-heavy'], ['mrc', 'read-heavy', '--sizes', '1k']]) {
      const run = await cli([...command, '--report', report])
      expect(run.exitCode).toBe(2)
      expect(run.stderr).toBe(`Error: --report "${report}" cannot be written: the directory does not exist.`)
      expect(run.stdout).toBe('')
    }
  })

  it('compare --out naming a file: exit 2 before the matrix runs, the file untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-compare-out-'))
    const file = join(dir, 'taken')
    writeFileSync(file, 'kept')
    const run = await cli(['compare', 'read-heavy', '--ttl', '1s,2s', '--out', file])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(`Error: --out "${file}" cannot be made a folder: a file of that name is in the way.`)
    expect(run.stdout).toBe('')
    expect(readFileSync(file, 'utf8')).toBe('kept')
  })
})

