import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli} from '../helpers/cli.js'
import {UNIFORM_KEYS, writeUniformReads} from '../helpers/uniform-reads.js'

const dir = mkdtempSync(join(tmpdir(), 'cache-bench-mrc-'))
const WORKLOAD = writeUniformReads(dir)

describe('cache-bench mrc', () => {
  it('prints cache-bench.mrc/v1 with an exact curve', async () => {
    const run = await cli(['mrc', WORKLOAD, '--sizes', '400,2000,3600', '--json'])
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({schema: 'cache-bench.mrc/v1', method: 'exact-lru', unit: 'items', reads: 100_000, readsPerSec: 1000})
    expect(result.points.map((point: {size: number}) => point.size)).toEqual([400, 2000, 3600])
    for (const point of result.points) {
      expect(Math.abs(point.hitRatio - point.size / UNIFORM_KEYS)).toBeLessThan(0.01)
      expect(point.hitRatio + point.missRatio).toBeCloseTo(1, 12)
      expect(point.originReadsPerSec).toBeCloseTo(1000 * point.missRatio, 6)
    }
  })

  it('draws the curve as a text chart', async () => {
    const run = await cli(['mrc', WORKLOAD, '--capacities', '64KiB..512KiB'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^method {7}exact LRU by stack distances/m)
    expect(run.stdout).toMatch(/^ +64KiB │ █+/m)
    expect(run.stdout.match(/│/g)?.length).toBe(2 * 4)
    // The workload's open loop sets the rate: origin reads per second in the last column, no note.
    expect(run.stdout).toMatch(/^ +64KiB │ .* +[\d,]+$/m)
    expect(run.stdout).not.toContain('give --rate')
  })

  it('a closed loop has no origin reads per second, and the chart says how to get them', async () => {
    const run = await cli(['mrc', 'ycsb-c', '--sizes', '1k,2k', '--operations', '20000', '--warmup', '2000'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^1,000 │ .* +-$/m)
    expect(run.stdout.replace(/\n/g, ' ')).toContain("origin reads/s need the workload's request rate: give --rate (e.g. --rate 20k/s).")
    // Every line within the 80 columns the helper's COLUMNS gives, the long header lines wrapped.
    for (const line of run.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80)
    expect(run.stdout).toMatch(/^stream {7}[\d,]+ operations/m)
  })

  it('fits a narrow terminal: a shorter bar, the same figures', async () => {
    const run = await cli(['mrc', 'ycsb-c', '--sizes', '1k,2k', '--operations', '20000', '--warmup', '2000'], {env: {COLUMNS: '56'}})
    expect(run.exitCode).toBe(0)
    for (const line of run.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(56)
    expect(run.stdout).toMatch(/^1,000 │ [█▏▎▍▌▋▊▉ ]{15} │ +[\d.]+% +[\d.]+% +-$/m)
  })

  it('refuses sizes it cannot read, naming the flag', async () => {
    const run = await cli(['mrc', WORKLOAD, '--sizes', '1k,lots'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim()).toBe('Error: --sizes "lots" is not a number of items: use e.g. 1000, 10k or 1M.')
  })
})

describe('cache-bench plan', () => {
  it('prints cache-bench.plan/v1 rows', async () => {
    const run = await cli(['plan', WORKLOAD, '--hit-ratio', '0.5', '--json'])
    expect(run.exitCode).toBe(0)
    const plan = JSON.parse(run.stdout)
    expect(plan).toMatchObject({schema: 'cache-bench.plan/v1', engine: 'redis', goals: {hitRatio: 0.5}})
    expect(plan.rows.length).toBeGreaterThan(5)
    for (const row of plan.rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['strategy', 'nodeType', 'nodes', 'memoryBytes', 'provisionedBytes', 'hitRatio', 'originReadsPerSec', 'monthlyCost']))
      expect(row.provisionedBytes).toBeGreaterThanOrEqual(row.memoryBytes)
    }
    expect(plan.curve[0].points.length).toBeGreaterThan(10)
  })

  it('refuses goals no size meets with exit 2 and one sentence', async () => {
    // Without a warm-up every key's first read misses at any size: at most 98% of reads hit.
    const run = await cli(['plan', WORKLOAD, '--hit-ratio', '0.99', '--warmup', '0'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^Error: no cache size up to .* meets every goal for lazy-loading: there, /)
  })

  it('names the catalog file and field that is wrong', async () => {
    const catalog = join(dir, 'bad-catalog.yaml')
    writeFileSync(catalog, 'version: 1\nsource: x\nchecked: null\nregion: r\ncurrency: USD\nredisReservedMemoryPercent: 25\nmemcachedConnectionsOverhead: 100MiB\nnodeTypes:\n  - {name: a, memory: 1GiB, vcpus: two, network: x, pricePerHour: 1}\n')
    const run = await cli(['plan', WORKLOAD, '--hit-ratio', '0.5', '--catalog', catalog])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trim()).toBe(`Error: catalog ${catalog}: nodeTypes[0].vcpus must be a number (got "two").`)
  })
})
