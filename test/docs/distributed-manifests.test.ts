import {execa} from 'execa'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseAllDocuments} from 'yaml'
import {parseShard} from '../../src/cli/scale-flags.js'
import type {Result} from '../../src/metrics/result.js'
import {cli, ROOT} from '../helpers/cli.js'

const doc = (name: string) => readFileSync(join(ROOT, 'docs', name), 'utf8')
const yamlBlocks = (text: string) => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = any

function manifests(name: string): Manifest[] {
  return yamlBlocks(doc(name)).flatMap((block) =>
    parseAllDocuments(block).map((parsed) => {
      expect(parsed.errors, block).toEqual([])
      return parsed.toJS() as Manifest
    }),
  )
}

/** The arguments a pod's `sh -c` script passes to cache-bench, as the shell expands them for one index. */
async function podArguments(script: string, index: number): Promise<string[]> {
  const printArgs = `cb_args() { for a in "$@"; do printf '%s\\n' "$a"; done; }; `
  const run = await execa('sh', ['-c', printArgs + script.replace('npx --yes cache-bench', 'cb_args')], {env: {JOB_COMPLETION_INDEX: String(index)}})
  return run.stdout.split('\n')
}

const flagValue = (args: string[], flag: string) => args[args.indexOf(flag) + 1]
const globToRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`)

describe('docs/distributed.md: a Kubernetes Indexed Job', () => {
  const [shards, merge] = manifests('distributed.md').filter((m) => m.kind === 'Job')

  it('starts one pod per shard at once, each running its own shard i/n with its own output file', async () => {
    expect(shards.spec.completionMode).toBe('Indexed')
    const n = shards.spec.completions
    expect(shards.spec.parallelism).toBe(n)
    const script = shards.spec.template.spec.containers[0].command[2]
    const outputs = new Set<string>()
    for (let index = 0; index < n; index++) {
      const args = await podArguments(script, index)
      expect(args[0]).toBe('run')
      expect(parseShard(flagValue(args, '--shard'))).toEqual({index, count: n})
      outputs.add(flagValue(args, '--out'))
    }
    expect(outputs.size).toBe(n)
    // The merge Job reads what the shards wrote: same claim, and its glob takes every file.
    const mergeArgs = await podArguments(merge.spec.template.spec.containers[0].command[2], 0)
    expect(mergeArgs[0]).toBe('merge')
    const glob = globToRegExp(mergeArgs[1])
    for (const output of outputs) expect(output).toMatch(glob)
    const claim = (job: Manifest) => job.spec.template.spec.volumes.find((v: Manifest) => v.name === 'results').persistentVolumeClaim.claimName
    expect(claim(merge)).toBe(claim(shards))
  })

  it('the shard arguments the pods get split a real run into parts that merge into the whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-indexed-'))
    writeFileSync(join(dir, 'w.yaml'), 'version: 1\nname: shards\nseed: 4\nkeyspace: {count: 2000}\nmix: {read: 90, write: 10}\nload: {concurrency: 4, operations: 8000, warmup: 0}\n')
    const script = shards.spec.template.spec.containers[0].command[2]
    const files: string[] = []
    await Promise.all(
      Array.from({length: shards.spec.completions as number}, async (_, index) => {
        const shard = flagValue(await podArguments(script, index), '--shard')
        const out = join(dir, `part-${index}.json`)
        files.push(out)
        const run = await cli(['run', join(dir, 'w.yaml'), '--shard', shard, '--out', out])
        expect(run.exitCode, run.stderr).toBe(0)
      }),
    )
    const merged = await cli(['merge', ...files, '--json'])
    expect(merged.exitCode, merged.stderr).toBe(0)
    const result = JSON.parse(merged.stdout) as Result
    expect(result.summary.operations).toBe(8000)
    expect(result.shards).toEqual({count: 4, merged: [1, 2, 3, 4]})
  })
})

describe('docs/distributed.md: a CI matrix', () => {
  const workflow = manifests('distributed.md').find((m) => m.jobs?.shard)

  it('has one job per shard 1..n, each with its own shard and artifact, merged by a job that needs them all', () => {
    const shardJob = workflow.jobs.shard
    const values: number[] = shardJob.strategy.matrix.shard
    const command: string = shardJob.steps.find((s: Manifest) => String(s.run).includes('--shard')).run
    const n = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(command)?.[1])
    expect(values).toEqual(Array.from({length: n}, (_, i) => i + 1))
    for (const value of values) {
      const expanded = command.replaceAll('${{ matrix.shard }}', String(value))
      expect(parseShard(/--shard (\S+)/.exec(expanded)?.[1] ?? '')).toEqual({index: value - 1, count: n})
    }
    expect(workflow.jobs.merge.needs).toBe('shard')
    const mergeStep: string = workflow.jobs.merge.steps.at(-1).run
    const glob = globToRegExp(/merge (\S+)/.exec(mergeStep)?.[1] ?? '')
    for (const value of values) expect(`shard-${value}.json`).toMatch(glob)
  })
})

describe('docs/ci.md and docs/distributed.md', () => {
  it('every manifest parses, and every flag the commands in them use exists', async () => {
    const texts = [doc('ci.md'), doc('distributed.md')]
    for (const name of ['ci.md', 'distributed.md']) expect(manifests(name).length).toBeGreaterThan(0)
    const used = new Map<string, Set<string>>()
    for (const text of texts) {
      for (const match of text.matchAll(/(?:bin\/run\.js|cache-bench) (run|diff|merge|compare)\b([^\n]*(?:\n +--[^\n]*)*)/g)) {
        const flags = used.get(match[1]) ?? new Set<string>()
        for (const flag of match[2].matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)) flags.add(flag[1])
        used.set(match[1], flags)
      }
    }
    expect([...used.keys()].sort()).toEqual(['diff', 'merge', 'run'])
    for (const [command, flags] of used) {
      const help = await cli([command, '--help'])
      for (const flag of flags) expect(help.stdout, `${command} ${flag}`).toContain(flag)
    }
  })
})
