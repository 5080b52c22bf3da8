import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {deflateSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {mergeResults} from '../../src/merge/merge-results.js'
import {readResultFiles} from '../../src/merge/read-parts.js'
import {cli, type CliRun, startCli} from '../helpers/cli.js'
import {inProcess} from '../helpers/in-process.js'

const dir = mkdtempSync(join(tmpdir(), 'cb-merge-'))
const file = (name: string) => join(dir, name)

// One operation at a time, no capacity, no TTL: a key's operations meet the same cache state in
// the single run and in its shard, so the merged counts equal the single run's exactly.
const WORKLOAD = `version: 1
name: merge-check
seed: 11
keyspace: {count: 3000, distribution: zipfian, theta: 0.9}
mix: {read: 85, write: 10, delete: 5}
strategy: lazy-loading
origin: {latency: {distribution: lognormal, median: 2ms, p99: 20ms}}
load: {concurrency: 1, operations: 20000, warmup: 2000}
thresholds: ["hitRatio >= 0.5"]
`

const json = (text: string) => JSON.parse(text) as Result
const counts = (result: Result) => {
  const {operations, reads, writes, deletes, hits, misses, staleReads, origin} = result.summary
  return {operations, reads, writes, deletes, hits, misses, staleReads, originReads: origin.reads}
}

let single: Result

/**
 * `merge files [--partial] --json` in this process, with the functions the command calls: the
 * merged JSON, or exit 2 and the sentence of a refusal. For the variations the command itself is
 * not started for (the first of each kind shows how the outcome reaches the terminal).
 */
function mergedInProcess(files: string[], partial = false): Promise<CliRun> {
  return inProcess(async () => ({stdout: JSON.stringify(mergeResults(await readResultFiles(files), {partial}))}))
}

beforeAll(async () => {
  writeFileSync(file('workload.yaml'), WORKLOAD)
  const runs = await Promise.all([
    cli(['run', file('workload.yaml'), '--json']),
    cli(['run', file('workload.yaml'), '--shard', '1/2', '--out', file('shard-1.json')]),
    cli(['run', file('workload.yaml'), '--shard', '2/2', '--out', file('shard-2.json')]),
    cli(['run', file('workload.yaml'), '--shard', '2/2', '--seed', '12', '--out', file('other-seed.json')]),
  ])
  for (const run of runs) expect(run.exitCode, run.stderr).toBe(0)
  single = json(runs[0].stdout)
})

describe('cache-bench merge', () => {
  it('combines two shards into the single run’s counts, with thresholds evaluated again', async () => {
    const run = await cli(['merge', file('shard-1.json'), file('shard-2.json'), '--json', '--out', file('merged.json')])
    expect(run.exitCode, run.stderr).toBe(0)
    const merged = json(run.stdout)
    expect(counts(merged)).toEqual(counts(single))
    expect(merged.shards).toEqual({count: 2, merged: [1, 2]})
    expect(merged.thresholds).toEqual([{expression: 'hitRatio >= 0.5', actual: single.summary.hitRatio, pass: single.summary.hitRatio >= 0.5}])
    expect(json(readFileSync(file('merged.json'), 'utf8')).summary).toEqual(merged.summary)
    const report = await cli(['merge', file('shard-2.json'), file('shard-1.json')])
    expect(report.stdout).toContain('merge-check')
    expect(report.stdout).toContain('hit ratio')
  })

  it('refuses a missing shard unless --partial, shards of another seed, and unreadable files, with exit code 2', async () => {
    const missing = await cli(['merge', file('shard-1.json')])
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toMatch(/shard 2 of 2 is missing; merge every shard, or pass --partial/)
    const [partial, seeds, twice, absent] = await Promise.all([
      mergedInProcess([file('shard-1.json')], true),
      mergedInProcess([file('shard-1.json'), file('other-seed.json')]),
      mergedInProcess([file('shard-1.json'), file('shard-1.json')]),
      mergedInProcess([file('nope.json')]),
    ])
    expect(partial.exitCode).toBe(0)
    expect(json(partial.stdout).warnings[0]).toMatch(/only 1 of 2 shards were merged \(missing: 2\)/)
    expect(seeds.exitCode).toBe(2)
    expect(seeds.stderr).toMatch(/other-seed\.json and .*shard-1\.json are not shards of one run: the seeds differ \(12 vs 11\)/)
    expect(twice.exitCode).toBe(2)
    expect(twice.stderr).toMatch(/both shard 1\/2/)
    expect(absent.exitCode).toBe(2)
    expect(absent.stderr).toMatch(/cannot read .*nope\.json: no such file/)
    const folder = await cli(['merge', dir, file('shard-1.json')])
    expect([folder.exitCode, folder.stderr.trim()]).toEqual([2, `Error: cannot read ${dir}: it is a directory, not a file.`])
  })

  it('refuses a shard that does not exist', async () => {
    const run = await cli(['run', file('workload.yaml'), '--shard', '3/2'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/--shard "3\/2" must be i\/n with 1 ≤ i ≤ n/)
  })
})

describe('cache-bench merge refuses result files that were changed or are not results', () => {
  /** shard-1.json with one change applied to its parsed document, written as `name`. */
  const tampered = (name: string, change: (result: Record<string, any>) => void): string => {
    const result = JSON.parse(readFileSync(file('shard-1.json'), 'utf8')) as Record<string, any>
    change(result)
    writeFileSync(file(name), JSON.stringify(result))
    return file(name)
  }
  /**
   * Every case merged beside shard-2.json at once, [file, the error line]: the first through the
   * command, the others in this process through the functions it calls.
   */
  const expectRefusals = async (cases: Array<[string, string | RegExp]>) => {
    const runs = await Promise.all(
      cases.map(([input], index) => (index === 0 ? cli(['merge', input, file('shard-2.json')]) : mergedInProcess([input, file('shard-2.json')]))),
    )
    runs.forEach((run, index) => {
      const [input, expected] = cases[index]
      expect(run.exitCode, `${input}: ${run.stderr}`).toBe(2)
      // One sentence on one line, never a stack trace.
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      if (typeof expected === 'string') expect(run.stderr.trim()).toBe(`Error: ${input}: ${expected}`)
      else expect(run.stderr.trim()).toMatch(expected)
    })
  }

  it('names the file and the field of a tampered figure, exit 2', async () => {
    await expectRefusals([
      [tampered('lots.json', (result) => (result.summary.reads = '95118lots')), 'summary.reads must be a whole number ≥ 0 (got "95118lots").'],
      [tampered('negative.json', (result) => (result.summary.reads = -5)), 'summary.reads must be a whole number ≥ 0 (got -5).'],
      [tampered('ratio.json', (result) => (result.summary.hitRatio = 1.5)), 'summary.hitRatio must be between 0 and 1 (got 1.5).'],
      [tampered('histogram.json', (result) => (result.histograms.latency.read.count = 'many')), 'histograms.latency.read.count must be a whole number ≥ 0 (got "many").'],
      [tampered('point.json', (result) => (result.timeline[0].operations = -1)), 'timeline[0].operations must be a whole number ≥ 0 (got -1).'],
    ])
  })

  it('refuses histogram data that was cut, damaged or swapped, naming the field, exit 2', async () => {
    const hint = 'give result files written by "cache-bench run --shard i/n --out FILE".'
    await expectRefusals([
      // Cut in half: still base64, but the compressed stream ends early.
      [tampered('cut.json', (result) => (result.histograms.latency.read.hdr = result.histograms.latency.read.hdr.slice(0, 40))), /histograms\.latency\.read\.hdr is not a histogram as cache-bench writes it: it does not decode \(.+\); give result files/],
      // Bytes inside the compressed stream overwritten.
      [
        tampered('damaged.json', (result) => {
          const hdr: string = result.histograms.latency.read.hdr
          result.histograms.latency.read.hdr = hdr.slice(0, 20) + 'A'.repeat(16) + hdr.slice(36)
        }),
        /histograms\.latency\.read\.hdr is not a histogram as cache-bench writes it: it does not decode/,
      ],
      // A valid encoding of other values: the write latencies under the reads' count.
      [
        tampered('swapped.json', (result) => (result.histograms.latency.read.hdr = result.histograms.latency.write.hdr)),
        new RegExp(`histograms\\.latency\\.read\\.hdr is not a histogram as cache-bench writes it: it holds \\d+ values where its count says \\d+; ${hint.replace(/[.()"/]/g, '\\$&')}$`),
      ],
      // A zlib stream of 64 MiB of zeros behind the encoding’s 8-byte header: about 90 KB of text.
      [
        tampered('inflates.json', (result) => {
          const zeros = deflateSync(Buffer.alloc(64 * 1024 * 1024))
          const header = Buffer.alloc(8)
          header.writeInt32BE(0x1c849314, 0)
          header.writeInt32BE(zeros.length, 4)
          result.histograms.latency.read.hdr = Buffer.concat([header, zeros]).toString('base64')
        }),
        /histograms\.latency\.read\.hdr is not a histogram as cache-bench writes it: it inflates to more than 16 MiB, far more than a histogram holds; give result files/,
      ],
      [
        tampered('point-swapped.json', (result) => (result.histograms.timeline[1].read = {...result.histograms.timeline[0].read, count: result.histograms.timeline[0].read.count + 1})),
        /histograms\.timeline\[1\]\.read\.hdr is not a histogram as cache-bench writes it: it holds \d+ values where its count says \d+/,
      ],
    ])
  })

  it('refuses a result with a section missing, a foreign JSON document and a truncated file, exit 2', async () => {
    writeFileSync(file('package.json'), JSON.stringify({name: 'something', version: '1.0.0'}))
    writeFileSync(file('list.json'), '[1, 2, 3]')
    writeFileSync(file('null.json'), 'null')
    writeFileSync(file('truncated.json'), readFileSync(file('shard-1.json'), 'utf8').slice(0, 500))
    await expectRefusals([
      [tampered('no-summary.json', (result) => delete result.summary), 'summary is missing; it must be a mapping of field: value pairs.'],
      [file('package.json'), /package\.json is not a cache-bench result \(no "schema": "cache-bench\.result\/v1"\)/],
      [file('list.json'), /list\.json is not a cache-bench result/],
      [file('null.json'), /null\.json is not a cache-bench result/],
      [file('truncated.json'), /truncated\.json is not JSON/],
    ])
  })
})

describe('cache-bench run --workers', () => {
  it('gives the same reads as one worker and a hit ratio within 0.01 on the builtin target', async () => {
    // read-heavy: zipfian keys, an LRU for 15% of them, a 10s TTL, concurrency 32. Reads are the
    // same stream split by key, so their count is exact; each worker's LRU holds half the items
    // for half the keys, which for thousands of keys hits as one LRU does (Che's approximation
    // per part), and TTL expiry and interleavings move a few hits either way.
    const [one, two] = await Promise.all([cli(['run', 'read-heavy', '--json']), cli(['run', 'read-heavy', '--workers', '2', '--json'])])
    expect(one.exitCode, one.stderr).toBe(0)
    expect(two.exitCode, two.stderr).toBe(0)
    const [a, b] = [json(one.stdout), json(two.stdout)]
    expect(b.workers).toBe(2)
    expect(b.summary.reads).toBe(a.summary.reads)
    expect(b.summary.operations).toBe(a.summary.operations)
    expect(b.load.concurrency).toBe(a.load.concurrency)
    expect(Math.abs(b.summary.hitRatio - a.summary.hitRatio)).toBeLessThan(0.01)
  })

  it('stops every worker on Ctrl-C and still writes a valid, incomplete result', async () => {
    writeFileSync(file('long.yaml'), 'version: 1\nkeyspace: {count: 100000}\norigin: {latency: 1ms}\nload: {operations: 50000000, concurrency: 8}\n')
    // The progress line (every 250 ms) says the workers are running: the signal comes after it.
    const child = startCli(['run', file('long.yaml'), '--workers', '2', '--json', '--out', file('long.json'), '--progress'])
    await child.waitForStderr(/ops\/s/)
    child.kill('SIGINT')
    const run = await child.finished
    expect(run.exitCode).toBe(3)
    const printed = json(run.stdout)
    expect(printed.complete).toBe(false)
    expect(printed.workers).toBe(2)
    expect(printed.summary.operations).toBeGreaterThan(0)
    expect(printed.summary.hits + printed.summary.misses).toBe(printed.summary.reads)
    expect(json(readFileSync(file('long.json'), 'utf8')).summary).toEqual(printed.summary)
  })
})
