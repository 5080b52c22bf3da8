import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli, ROOT} from '../helpers/cli.js'

/**
 * The README's list of commands to try, as a newcomer copies them: the ones that need no server
 * and no file of their own (runs, a comparison, a curve and a plan of bundled workloads on the
 * built-in engine) must run as written. Its capacity-plan line once asked for goals no cache size of ycsb-c can meet,
 * and exited 2.
 */
function quickStartCommands(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const block = /```sh\n(\.\/bin\/run\.js workloads[\s\S]*?)```/.exec(readme)
  if (!block) throw new Error('the README has no list of commands starting with ./bin/run.js workloads')
  return block[1]
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    // Not those that reach a server, write or read files of their own, or need the shell.
    .filter((line) => /^\.\/bin\/run\.js (workloads|run|compare|mrc|plan)\b/.test(line) && !/--(target|out|shard|help)\b|my-workload|[>"']/.test(line))
    .map((line) => line.split(/\s+/).slice(1))
}

describe("the README's commands to try", () => {
  const commands = quickStartCommands()

  it('include a run, a comparison, a curve and a plan', () => {
    expect(commands.map((args) => args[0])).toEqual(expect.arrayContaining(['workloads', 'run', 'compare', 'mrc', 'plan']))
  })

  it.each(commands.map((args) => [args.join(' '), args] as const))('%s runs as written', async (_, args) => {
    const run = await cli([...args], {cwd: ROOT})
    expect(run.stderr, run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
  })
})

describe("the README's sample run", () => {
  // "What a run looks like" shows `./bin/run.js run read-heavy` as printed: a simulated run is
  // the same for its seed, so the sample must be what the command prints today (only the wall
  // time of the whole run differs from one machine to the next).
  it('is what ./bin/run.js run read-heavy prints', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const sample = /`\.\/bin\/run\.js run read-heavy`, as printed:\n\n```\n([\s\S]*?)```/.exec(readme)
    expect(sample, 'the README has no sample run of read-heavy').not.toBeNull()
    const run = await cli(['run', 'read-heavy'], {cwd: ROOT, env: {COLUMNS: '80'}})
    expect(run.exitCode).toBe(0)
    const wallTimeless = (text: string) => text.trimEnd().replace(/\(whole run took [^)]+\)/, '(whole run took …)')
    expect(wallTimeless(run.stdout)).toBe(wallTimeless(sample![1]))
  })
})
