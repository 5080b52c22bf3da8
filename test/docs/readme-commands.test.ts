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
