import {describe, expect, it} from 'vitest'
import {bestCells, COLUMNS} from '../../src/compare/columns.js'
import type {CellResult, Comparison} from '../../src/compare/comparison.js'
import {renderComparison} from '../../src/compare/comparison-report.js'
import {verdict} from '../../src/compare/verdict.js'
import {createResultFixture} from '../fixtures/result.js'

interface Figures {
  strategy: string
  ttl?: string
  ttlMs?: number | null
  staleRatio: number
  sets: number
  p99: number
  readsAvoided: number
  queuedP99?: number
  duplicateReads?: number
  writesPending?: number
  writesLost?: number
}

/** A cell result with the figures the verdict reads; 1,000,000 operations each, 28.6 s measured. */
function cell(index: number, label: string, figures: Figures): CellResult {
  const result = createResultFixture()
  const s = result.summary
  result.strategy = {...result.strategy, name: figures.strategy, ttlMs: figures.ttlMs ?? 300_000}
  s.staleRatio = figures.staleRatio
  s.staleReads = Math.round(figures.staleRatio * s.reads)
  s.cache.sets = figures.sets
  s.origin.readsAvoided = figures.readsAvoided
  s.origin.queuedMs.p99 = figures.queuedP99 ?? 0
  s.origin.duplicateReads = figures.duplicateReads ?? 0
  s.origin.writesPending = figures.writesPending ?? 0
  s.origin.writesLost = figures.writesLost ?? 0
  result.latencyMs.read = {...result.latencyMs.read!, p99: figures.p99}
  return {...result, cell: {index, label, strategy: figures.strategy, ttl: figures.ttl}}
}

const CELLS = [
  cell(0, 'none', {strategy: 'none', staleRatio: 0, sets: 0, p99: 40, readsAvoided: 0, queuedP99: 12}),
  cell(1, 'lazy-loading', {strategy: 'lazy-loading', staleRatio: 0.02, sets: 100_000, p99: 9, readsAvoided: 0.93, duplicateReads: 30}),
  cell(2, 'write-through', {strategy: 'write-through', staleRatio: 0.001, sets: 300_000, p99: 8, readsAvoided: 0.95}),
  cell(3, 'write-behind', {strategy: 'write-behind', staleRatio: 0.004, sets: 300_000, p99: 8.5, readsAvoided: 0.95, writesPending: 120, writesLost: 45}),
]

describe('the verdict', () => {
  const sentences = verdict(CELLS, 64)

  it('names the freshest caching cell, the stalest, and the cost in cache writes against the cheapest', () => {
    expect(sentences[0]).toBe(
      'Fewest stale reads with a cache: write-through (0.1% of reads, staleness p99 38.2ms); most: lazy-loading (2%, staleness p99 38.2ms). ' +
        'It pays with 30 cache writes per 100 operations, against 10 for lazy-loading (3×).',
    )
  })

  it('names the lowest and highest read p99, the most offload, and where the origin saturates', () => {
    expect(sentences[1]).toBe('Lowest read p99: write-through (8ms); highest: none (40ms).')
    // write-through and write-behind keep 95% of reads from the origin alike: the tie is named, as the table marks both.
    expect(sentences[2]).toMatch(/^Most origin offload: write-through, write-behind \(tied\) \(95% of reads never reach the origin\)/)
    expect(sentences[3]).toBe(
      'The origin saturates in none: more than 1% of its queries wait for one of its 64 connections (worst: none, 64 wanted at once, p99 wait 12ms).',
    )
  })

  it('says there is nothing to compare when no cell measured an operation, and judges the origin on the cells that did', () => {
    const unmeasured = CELLS.map((result) => ({...result, summary: {...result.summary, operations: 0, reads: 0}}))
    expect(verdict(unmeasured, 64)).toEqual(['No cell measured an operation (each run ended within its warm-up), so there is nothing to compare: see the warnings.'])
    // One cell measured: the origin's load is judged on it alone.
    const [first, ...rest] = unmeasured
    const oneMeasured = verdict([CELLS[0], ...rest], 64).join(' ')
    expect(oneMeasured).toMatch(/^.*The origin saturates in every cell: .*worst: none/)
    expect(first.cell.label).toBe('none')
  })

  it('reports write-behind’s pending and lost writes and where stampedes happened', () => {
    expect(sentences[4]).toMatch(/^write-behind answers writes before the origin has them: in write-behind, 120 were still waiting/)
    expect(sentences[4]).toContain('Writes lost with the failed node: write-behind 45.')
    expect(sentences[5]).toBe(
      'Duplicate origin reads (a key read again while already loading): most in lazy-loading (30); none in write-through, write-behind.',
    )
  })

  it('describes the TTL trade-off and warns when a TTL outlasts the run', () => {
    const ttlCells = [
      cell(0, 'ttl 1s', {strategy: 'lazy-loading', ttl: '1s', ttlMs: 1000, staleRatio: 0.001, sets: 1, p99: 1, readsAvoided: 0.5}),
      cell(1, 'ttl 5m', {strategy: 'lazy-loading', ttl: '5m', ttlMs: 300_000, staleRatio: 0.03, sets: 1, p99: 1, readsAvoided: 0.9}),
    ]
    const ttlSentence = verdict(ttlCells, 64).find((sentence) => sentence.startsWith('TTL'))
    expect(ttlSentence).toBe(
      'TTL trades hits for freshness (lazy-loading): ttl 1s: 93.4% hits, 0.1% stale; ttl 5m: 93.4% hits, 3% stale. ' +
        'A TTL of 5m outlasts the 28.6s measured, so no entry expired in it: run longer (--duration) to see its effect.',
    )
  })

  it('marks the best cell per column, ignoring cache figures of none and columns where all agree', () => {
    const column = (id: string) => COLUMNS.find((candidate) => candidate.id === id)!
    expect(bestCells(column('staleRatio'), CELLS)).toEqual([0])
    expect(bestCells(column('cache.sets'), CELLS)).toEqual([1])
    expect(bestCells(column('read.p99'), CELLS)).toEqual([2])
    expect(bestCells(column('origin.readsAvoided'), CELLS)).toEqual([2, 3])
    expect(bestCells(column('read.p50'), CELLS)).toEqual([])
  })
})

describe('the verdict on cells that tie', () => {
  it('says every cell has the same read p99 rather than naming the first as lowest', () => {
    const tied = [
      cell(0, 'lazy-loading', {strategy: 'lazy-loading', staleRatio: 0.02, sets: 100_000, p99: 19.988479, readsAvoided: 0.9}),
      cell(1, 'write-through', {strategy: 'write-through', staleRatio: 0.001, sets: 300_000, p99: 19.988479, readsAvoided: 0.91}),
    ]
    const sentences = verdict(tied, 64)
    expect(sentences[1]).toBe('Every cell has the same read p99 (20ms).')
    // The fixture's throughput is the same in every cell: both are named.
    expect(sentences[2]).toMatch(/^Most origin offload: write-through \(91% of reads never reach the origin\); highest throughput: lazy-loading, write-through \(tied\) \(/)
  })
})

describe('the verdict and best marks beside a cache-only cell', () => {
  // cache-only has no origin: its 0% stale and 100% offload are not figures to beat.
  const cells = [
    cell(0, 'lazy-loading', {strategy: 'lazy-loading', staleRatio: 0.3, sets: 286_500, p99: 2.4, readsAvoided: 0.598, duplicateReads: 8}),
    cell(1, 'write-through', {strategy: 'write-through', staleRatio: 0.0004, sets: 573_700, p99: 2.4, readsAvoided: 0.598}),
    cell(2, 'cache-only', {strategy: 'cache-only', staleRatio: 0, sets: 287_200, p99: 0.2, readsAvoided: 1}),
  ]
  const sentences = verdict(cells, 64)
  const column = (id: string) => COLUMNS.find((candidate) => candidate.id === id)!

  it('names only cells with an origin for freshness, offload and duplicate origin reads', () => {
    expect(sentences[0]).toMatch(/^Fewest stale reads with a cache: write-through \(0\.04% of reads/)
    expect(sentences[0]).toContain('It pays with 57.4 cache writes per 100 operations, against 28.6 for lazy-loading (2×).')
    expect(sentences[1]).toBe('Lowest read p99: cache-only (200us); highest: lazy-loading, write-through (tied) (2.4ms).')
    expect(sentences[2]).toMatch(/^Most origin offload: lazy-loading, write-through \(tied\) \(59\.8% of reads never reach the origin\)/)
    expect(sentences.find((sentence) => sentence.startsWith('Duplicate'))).toBe(
      'Duplicate origin reads (a key read again while already loading): most in lazy-loading (8); none in write-through.',
    )
  })

  it('says nothing of how busy the origin was when no cell used it (cache-only)', () => {
    const only = cell(0, 'cache-only 50:50', {strategy: 'cache-only', staleRatio: 0, sets: 0, p99: 0.2, readsAvoided: 0})
    only.summary.origin.peakConcurrency = 0
    expect(verdict([only], 64).filter((sentence) => sentence.includes('origin'))).toEqual([])
    only.summary.origin.peakConcurrency = 3
    expect(verdict([only], 64)).toContain('The origin never saturates: at most 3 of its 64 connections were needed at once.')
  })

  it('leaves cache-only out of the origin columns', () => {
    for (const id of ['originReadsPerSecond', 'origin.readsAvoided', 'staleRatio', 'stalenessMs.p99']) expect(column(id).value(cells[2])).toBeNull()
    expect(bestCells(column('staleRatio'), cells)).toEqual([1])
    expect(bestCells(column('origin.readsAvoided'), cells)).toEqual([])
    expect(bestCells(column('read.p99'), cells)).toEqual([2])
  })

  it('says so when the freshest cell writes the cache about as often as the cheapest', () => {
    const close = [
      cell(0, 'lazy-loading', {strategy: 'lazy-loading', staleRatio: 0.3, sets: 286_500, p99: 2.4, readsAvoided: 0.598}),
      cell(1, 'lazy-loading+invalidateOnWrite', {strategy: 'lazy-loading', staleRatio: 0.01, sets: 287_000, p99: 2.4, readsAvoided: 0.59}),
    ]
    expect(verdict(close, 64)[0]).toContain(
      'It makes about as many cache writes as lazy-loading, which makes the fewest (28.7 and 28.6 per 100 operations).',
    )
  })
})

describe('the comparison report', () => {
  const comparison: Comparison = {
    schema: 'cache-bench.comparison/v1',
    workload: {name: 'product-catalog', file: 'workloads/product-catalog.yaml'},
    originConcurrency: 64,
    axes: {strategy: ['none', 'lazy-loading', 'write-through', 'write-behind']},
    results: CELLS,
    best: Object.fromEntries(COLUMNS.map((column) => [column.id, bestCells(column, CELLS)])),
    verdict: verdict(CELLS, 64),
  }

  it('stacks two tables within 80 columns when all ten figures do not fit, with the best marked and no colour', () => {
    const text = renderComparison(comparison, {colour: false, width: 80})
    const lines = text.split('\n')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80)
    expect(lines.filter((line) => line.startsWith('┌'))).toHaveLength(2)
    expect(text).toMatch(/│ write-through\s+│\s+210us\s+│\s+8ms\*/)
    expect(text).toMatch(/│ none\s+│\s+-\s+│\s+0%\*/)
    expect(text).not.toContain('\u001b[')
    expect(text).toContain('Verdict\n- Fewest stale reads with a cache: write-through')
  })

  it('uses one table on a wide terminal, and colours the best cells when asked', () => {
    const wide = renderComparison(comparison, {colour: false, width: 200})
    expect(wide.split('\n').filter((line) => line.startsWith('┌'))).toHaveLength(1)
    expect(renderComparison(comparison, {colour: true, width: 80})).toContain('\u001b[32m8ms*\u001b[39m')
  })
})
