import {execa} from 'execa'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../helpers/cli.js'

/** Resident memory of a process in KiB, as the kernel reports it (0 once it is gone). */
function residentKiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

describe('signals during set-up', () => {
  it('Ctrl-C while per-key state for 20 million keys is being built ends the process at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-signal-'))
    const workload = join(dir, 'big.yaml')
    // Seconds of set-up in one uninterrupted stretch, then a tiny load.
    writeFileSync(workload, 'version: 1\nkeyspace: {count: 20000000}\nload: {operations: 1000}\n')
    const child = execa('node', ['bin/run.js', 'run', workload], {cwd: ROOT, reject: false, env: {NODE_ENV: 'production'}, timeout: 120_000})
    const pid = child.pid as number
    // Ready: the per-key arrays (about 25 bytes a key) are allocated, so set-up is under way.
    const deadline = Date.now() + 60_000
    while (residentKiB(pid) < 400_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(residentKiB(pid)).toBeGreaterThanOrEqual(400_000)
    const sent = Date.now()
    child.kill('SIGINT')
    const run = await child
    // Before, the handler could not run until set-up was over (about 10 s more) and a report followed.
    expect(Date.now() - sent).toBeLessThan(3000)
    expect(run.signal).toBe('SIGINT')
    expect(String(run.stdout)).toBe('')
  })
})
