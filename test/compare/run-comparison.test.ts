import {describe, expect, it} from 'vitest'
import {cellWorkload} from '../../src/compare/cell-workload.js'
import {expandMatrix} from '../../src/compare/matrix.js'
import {runComparison} from '../../src/compare/run-comparison.js'
import {renderComparison} from '../../src/compare/comparison-report.js'
import {RESULT_SCHEMA} from '../../src/metrics/result.js'
import {comparisonRenderers} from '../../src/report/comparison/renderers.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'

const WRITE_HEAVY = testWorkload({
  name: 'wh',
  seed: 4,
  keyspace: {count: 2000, distribution: 'zipfian', theta: 0.99},
  mix: {read: 0.5, write: 0.5, delete: 0},
  strategy: {name: 'lazy-loading', ttlMs: 60_000},
  origin: {latency: {distribution: 'lognormal', medianMs: 4, p99Ms: 30}, concurrency: 8},
  cache: {latency: {distribution: 'fixed', ms: 0.2}},
  load: {operations: 20_000, warmup: {operations: 2_000}, concurrency: 16},
})

// Sameness of two runs needs no long run: a tenth of the operations, every cell still a full run.
const SHORT = {...WRITE_HEAVY, load: {...WRITE_HEAVY.load, operations: 2_000, warmup: {operations: 200}}}

describe('runComparison', () => {
  it('runs each cell as a full run and concludes from the numbers: write-through is freshest, none never hits the cache', async () => {
    const seen: string[] = []
    const comparison = await runComparison(
      WRITE_HEAVY,
      {strategy: 'none,lazy-loading,write-through', mix: '50:50'},
      {onCell: (cell, total) => seen.push(`${cell.index + 1}/${total} ${cell.label}`)},
    )
    expect(seen).toEqual(['1/3 none', '2/3 lazy-loading', '3/3 write-through'])
    const [none, lazy, through] = comparison.results
    expect(comparison.results.map((result) => result.schema)).toEqual([RESULT_SCHEMA, RESULT_SCHEMA, RESULT_SCHEMA])
    expect(none.workload.name).toBe('wh [none mix 50:50]')
    expect(through.cell).toEqual({index: 2, label: 'write-through', strategy: 'write-through', mix: '50:50'})
    expect(none.summary.origin.readsAvoided).toBe(0)
    expect(through.summary.staleRatio).toBeLessThan(lazy.summary.staleRatio)
    expect(comparison.verdict[0]).toMatch(/^Fewest stale reads with a cache: write-through \(/)
    expect(comparison.verdict[0]).toContain('against')
    // none reads only the origin, so it is never stale: the column's best.
    expect(comparison.best.staleRatio).toEqual([0])
    expect(none.summary.staleReads).toBe(0)
    // The origin's 8 connections are not enough for none, where every read is a query.
    expect(comparison.verdict.find((sentence) => sentence.startsWith('The origin saturates'))).toMatch(/none/)
    expect(comparison.axes).toEqual({strategy: ['none', 'lazy-loading', 'write-through'], mix: ['50:50']})
  })

  it('checks every cell against the target before the first runs: a later +lease cell on a server is refused before any traffic', async () => {
    // Nothing listens on port 1: a first cell that ran would fail to connect instead.
    const comparing = runComparison(SHORT, {strategy: 'lazy-loading,lazy-loading+lease'}, {target: 'memcached://127.0.0.1:1'})
    await expect(comparing).rejects.toMatchObject({
      exitCode: 2,
      message: 'compare cell "lazy-loading+lease": strategy.lease needs a target with leases, which only builtin:// has for now (target is memcached); use singleFlight: true instead.',
    })
  })

  it('is deterministic on the builtin target: the same matrix gives the same verdict', async () => {
    const flags = {strategy: 'lazy-loading,lazy-loading+invalidateOnWrite', ttl: '100ms,10s'}
    const [a, b] = [await runComparison(SHORT, flags), await runComparison(SHORT, flags)]
    expect(a.verdict).toEqual(b.verdict)
    expect(a.results.map((result) => result.summary)).toEqual(b.results.map((result) => result.summary))
  })

  it('gives the same results on worker threads as in turn, cell by cell', async () => {
    const flags = {strategy: 'none,lazy-loading,write-through', ttl: '100ms,10s'}
    const seen: number[] = []
    const [threaded, inTurn] = [await runComparison(SHORT, flags, {threads: 2, onCell: (cell) => seen.push(cell.index)}), await runComparison(SHORT, flags, {threads: 1})]
    expect(seen).toEqual([0, 1, 2, 3, 4, 5])
    const figures = (comparison: typeof threaded): unknown =>
      comparison.results.map((result) => ({cell: result.cell, summary: result.summary, latencyMs: result.latencyMs, timeline: result.timeline}))
    expect(figures(threaded)).toEqual(figures(inTurn))
    expect(threaded.verdict).toEqual(inTurn.verdict)
  })

  it('gives each cell the figures of its workload run alone, though the cells of a thread draw their keys once', async () => {
    // Timed cells: each draws as many keys as its strategy and mix get through in 2 simulated
    // seconds, so a later cell of a thread reads keys an earlier one drew and draws on past them.
    const timed = {...SHORT, load: {...SHORT.load, operations: null, durationMs: 2000, warmup: {operations: 0}}}
    const flags = {strategy: 'none,lazy-loading,write-through', mix: '95:5,50:50'}
    const comparison = await runComparison(timed, flags, {threads: 1})
    const operations = comparison.results.map((result) => result.summary.operations)
    expect(new Set(operations).size).toBeGreaterThan(2)
    for (const [index, cell] of expandMatrix(flags).entries()) {
      const alone = await runWorkload(cellWorkload(timed, cell, (described) => described.label))
      expect({summary: comparison.results[index].summary, latencyMs: comparison.results[index].latencyMs}).toEqual({summary: alone.summary, latencyMs: alone.latencyMs})
    }
  })

  it('runs cells that are one simulation once: none has no TTL, so its TTL cells are copies of one run, with the figures of that run alone', async () => {
    const seen: string[] = []
    const flags = {strategy: 'none,lazy-loading', ttl: 'none,100ms,10s'}
    const comparison = await runComparison(SHORT, flags, {threads: 2, onCell: (cell, total) => seen.push(`${cell.index + 1}/${total} ${cell.label}`)})
    expect(seen).toEqual(['none ttl none', 'none ttl 100ms', 'none ttl 10s', 'lazy-loading ttl none', 'lazy-loading ttl 100ms', 'lazy-loading ttl 10s'].map((label, index) => `${index + 1}/6 ${label}`))
    const none = comparison.results.slice(0, 3)
    expect(none.map((result) => result.strategy.ttlMs)).toEqual([null, null, null])
    expect(none.map((result) => result.workload.name)).toEqual(['wh [none ttl none]', 'wh [none ttl 100ms]', 'wh [none ttl 10s]'])
    // One run: even its wall-clock time is the same; two runs would differ in it.
    expect(new Set(none.map((result) => result.wallMs)).size).toBe(1)
    const alone = await runWorkload({...SHORT, strategy: {...SHORT.strategy, name: 'none', ttlMs: null}})
    for (const result of none) expect({summary: result.summary, latencyMs: result.latencyMs}).toEqual({summary: alone.summary, latencyMs: alone.latencyMs})
    // The cells that use the cache are each their own run.
    const lazy = comparison.results.slice(3)
    expect(lazy.map((result) => result.strategy.ttlMs)).toEqual([null, 100, 10_000])
    expect(lazy[1].summary.hitRatio).toBeLessThan(lazy[2].summary.hitRatio)
  })

  it("reports the cells' warnings, each once, naming the cells it concerns", async () => {
    // The file's item limit is dropped by the URL's node model in every cell; a 50 ms TTL is implausible in its cells only.
    const limited = {...SHORT, cache: {...SHORT.cache, maxItems: 500}}
    const comparison = await runComparison(limited, {strategy: 'lazy-loading,write-through', ttl: '50ms,10s'}, {target: 'builtin://?model=memcached', threads: 1})
    const text = renderComparison(comparison, {colour: false, width: 200})
    // Wrapped at the reading width: compared with its lines joined.
    const warnings = text.slice(text.indexOf('\nWarnings\n')).replace(/\n {2}/g, ' ')
    expect(warnings).toContain('- all cells: cache.maxItems applies to the ideal model only and was ignored')
    expect(warnings).toContain('- lazy-loading ttl 50ms, write-through ttl 50ms: strategy.ttl is 50ms, which is implausible for a cache')
    expect(warnings.match(/cache\.maxItems applies/g)).toHaveLength(1)
    const render = (format: string) => comparisonRenderers.find((renderer) => renderer.name === format)!.render(comparison, {colour: false, width: 80})
    expect(render('markdown')).toMatch(/### Warnings\n\n- all cells: cache\.maxItems applies/)
    expect(render('html')).toContain('<h2>Warnings</h2><ul><li>all cells: cache.maxItems applies')
  })
})
