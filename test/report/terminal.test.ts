import {describe, expect, it} from 'vitest'
import {LATENCY_NAMES, type Result} from '../../src/metrics/result.js'
import {emptyMessagingSummary} from '../../src/metrics/summary-template.js'
import {terminalRenderer} from '../../src/report/terminal.js'
import {createResultFixture} from '../fixtures/result.js'

const ANSI = /\u001b\[[0-9;]*m/g

function render(result: Result, colour = false, width = 80): string {
  return terminalRenderer.render(result, {colour, width})
}

function lines(text: string): string[] {
  return text.replace(ANSI, '').split('\n')
}

/** The latency table's head and body rows, split into trimmed cells. */
function latencyTable(text: string): {head: string[]; rows: string[][]} {
  const all = lines(text)
  const start = all.findIndex((line) => line.startsWith('│ latency '))
  const end = all.findIndex((line, index) => index > start && line.startsWith('└'))
  const cells = (line: string): string[] => line.split('│').slice(1, -1).map((cell) => cell.trim())
  return {head: cells(all[start]), rows: all.slice(start + 2, end).map(cells)}
}

function extremeResult(): Result {
  const result = createResultFixture()
  result.workload.name = 'w'.repeat(100)
  result.workload.file = `/very/long/path/${'nested/'.repeat(12)}workload.yaml`
  result.workload.description = 'A description that goes on and on. '.repeat(10)
  result.target.url = `redis-cluster://${Array.from({length: 12}, (_, i) => `node-${i}.cache.internal:6379`).join(',')}`
  result.summary.throughput = 1e9
  result.summary.operations = 1e13
  result.summary.origin.reads = 123_456_789_012
  result.summary.cache.evictions = 9.9e14
  result.summary.stalenessMs.max = 3.6e9
  for (const name of LATENCY_NAMES) {
    result.latencyMs[name] = {count: 1e12, mean: 1e9, p50: 0.0001, p90: 12_345.678, p99: 1e7, p999: 1e8, max: 1e10, min: 0}
  }
  result.thresholds.push({
    expression: `origin.read.p99.9 < 5ms ${'and more '.repeat(12)}`.trim(),
    actual: 1e8,
    pass: false,
  })
  result.complete = false
  return result
}

describe('terminal renderer', () => {
  it('fits 80 columns for a typical result', () => {
    for (const line of lines(render(createResultFixture()))) expect(line.length, line).toBeLessThanOrEqual(80)
  })

  it('fits 80 columns for extreme values, long names and long URLs, with and without colour', () => {
    for (const colour of [false, true]) {
      for (const line of lines(render(extremeResult(), colour))) expect(line.length, line).toBeLessThanOrEqual(80)
    }
  })

  it('wraps long names rather than dropping them', () => {
    const result = extremeResult()
    const unwrapped = render(result).replace(/\n {13}/g, '')
    expect(unwrapped).toContain(result.workload.name)
    expect(unwrapped).toContain(result.target.url)
  })

  it('shows compact forms for figures too wide for their column', () => {
    const text = render(extremeResult())
    expect(text).toContain('1,000,000,000') // throughput 1e9 still fits its 13-character cell
    expect(text).toContain('990T') // evictions 9.9e14 does not, so three significant digits
    expect(text).toMatch(/│ read +│ +1T │/)
  })

  it('describes the run in the header', () => {
    const text = render(createResultFixture())
    expect(text).toContain('product-catalog (workloads/product-catalog.yaml)')
    expect(text).toContain('Read-heavy database caching with lazy loading and a 5 minute TTL')
    expect(text).toMatch(/^target +builtin:\/\/$/m)
    expect(text).toMatch(/^strategy +lazy-loading, TTL 5m \(jitter 10%\), invalidate on write$/m)
    expect(text).toMatch(/^seed +42$/m)
    expect(text).toContain("simulated time; latencies come from the workload's latency models")
    expect(text).toMatch(/^operations +1,000,000 measured \(900,000 reads, 80,000 writes, 20,000 deletes\)/m)
    expect(text).toContain('after 100,000 warm-up')
    expect(text).toMatch(/^duration +28\.6s simulated/m)
    expect(text).toMatch(/^concurrency +32$/m)
  })

  it('describes a trace replayed at its pace as an open loop, not by the closed loop\'s concurrency', () => {
    const result = createResultFixture()
    result.load = {...result.load, mode: 'open', rate: null, concurrency: 16}
    result.trace = {file: 't.monitor', format: 'redis-monitor', speed: 10, requests: 3, distinctKeys: 2, skippedByCommand: {}, badRecords: 0, lost: 0}
    const text = lines(render(result))
    expect(text).toContain("load         open loop at the trace's times; latency from each intended start")
    expect(text.some((line) => line.startsWith('concurrency'))).toBe(false)
    expect(text.join(' ').replace(/\s+/g, ' ')).toContain("2 keys, 10× the trace's pace")
  })

  it('says a trace replayed at a rate of its own is not at the trace\'s pace', () => {
    const result = createResultFixture()
    result.load = {...result.load, mode: 'open', rate: 5000}
    result.trace = {file: 't.csv', format: 'twitter', speed: 1, requests: 3, distinctKeys: 2, skippedByCommand: {}, badRecords: 0, lost: 0}
    const text = lines(render(result)).join(' ').replace(/\s+/g, ' ')
    expect(text).toContain("3 requests over 2 keys, at the load's rate, not the trace's times")
    expect(text).toContain('load open loop at 5,000/s intended')
  })

  it('says how the run was split: worker threads, the shard it is, the shards merged into it', () => {
    const whole = lines(render(createResultFixture()))
    expect(whole.some((line) => /^(workers|shard|shards) /.test(line))).toBe(false)
    const threaded = {...createResultFixture(), workers: 2}
    expect(lines(render(threaded)).join(' ').replace(/\s+/g, ' ')).toContain('workers 2 threads sharing the load, each with an engine holding its share of the cache')
    const shard = {...createResultFixture(), shard: {index: 2, count: 3, workloadDigest: 'abc'}}
    expect(lines(render(shard)).join(' ').replace(/\s+/g, ' ')).toContain("shard 2 of 3: this part's figures only; merge every shard's result for the whole run")
    expect(lines(render({...createResultFixture(), shards: {count: 3, merged: [1, 2, 3]}}))).toContain('shards       all 3 merged')
    expect(lines(render({...createResultFixture(), shards: {count: 3, merged: [1, 3]}}))).toContain('shards       2 of 3 merged (1, 3)')
  })

  it('names the wall clock for real targets', () => {
    const result = createResultFixture()
    result.clock = 'real'
    result.strategy.ttlMs = null
    const text = render(result)
    expect(text).toMatch(/^clock +wall clock/m)
    expect(text).not.toContain('simulated')
    expect(text).toContain('lazy-loading, no TTL')
  })

  it('has one latency row per measured latency, in canonical order, with human units', () => {
    const result = createResultFixture()
    delete result.latencyMs.delete
    result.latencyMs['cache.set'] = {...result.latencyMs['cache.set']!, count: 0}
    const {rows} = latencyTable(render(result))
    // The fixture is a key-value run: no data-structure latencies.
    const inFixture = LATENCY_NAMES.filter((name) => createResultFixture().latencyMs[name] !== undefined)
    expect(inFixture).toHaveLength(8)
    expect(rows.map((row) => row[0])).toEqual(inFixture.filter((name) => name !== 'delete' && name !== 'cache.set'))
    // read: 900,000 samples, mean 0.661 ms, p50 0.21 ms, p90 0.48 ms, p99 9.8 ms, p99.9 31.5 ms, max 74.2 ms
    expect(rows[0]).toEqual(['read', '900,000', '661us', '210us', '480us', '9.8ms', '31.5ms', '74.2ms'])
  })

  it('labels the latency columns', () => {
    expect(latencyTable(render(createResultFixture())).head).toEqual(['latency', 'count', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max'])
  })

  it('shows the summary figures formatted for people', () => {
    const text = render(createResultFixture())
    const cell = (label: string): string => {
      const match = new RegExp(`│ ${label.replace(/[()]/g, '\\$&')} +│ +([^│]+?) │`).exec(text)
      expect(match, label).not.toBeNull()
      return match![1]
    }
    expect(cell('throughput (ops/s)')).toBe('35,000')
    expect(cell('hit ratio')).toBe('93.4%') // 840,600 / 900,000
    expect(cell('stale ratio')).toBe('0.12%') // 1,080 / 900,000
    expect(cell('staleness p50')).toBe('4.8ms')
    expect(cell('staleness p99')).toBe('38.2ms')
    expect(cell('staleness max')).toBe('95.7ms')
    expect(cell('origin reads')).toBe('59,400')
    expect(cell('origin offload')).toBe('93.4%') // 1 − 59,400 / 900,000
    expect(cell('origin peak concurrency')).toBe('64')
    expect(cell('cache sets')).toBe('59,400')
    expect(cell('evictions')).toBe('12,345')
    expect(cell('expirations')).toBe('3,210')
    expect(cell('wasted writes')).toBe('4,567')
    expect(cell('errors')).toBe('0')
  })

  it('shows unmeasured ratios as a dash, not as 0%', () => {
    const result = createResultFixture()
    Object.assign(result.summary, {reads: 0, hits: 0, misses: 0, staleReads: 0})
    const text = render(result)
    expect(text).toMatch(/│ hit ratio +│ +- │/)
    expect(text).toMatch(/│ stale ratio +│ +- │/)
  })

  it('lists each threshold verdict and the tally', () => {
    const text = render(createResultFixture())
    expect(text).toContain('PASS  hitRatio >= 0.9  (actual 0.934)')
    expect(text).toContain('FAIL  read.p99 < 2ms  (actual 9.8ms)')
    expect(text).toContain('PASS  staleRatio <= 0.01  (actual 0.0012)')
    expect(text.trimEnd().split('\n').at(-1)).toBe('thresholds: 2 passed, 1 failed')
  })

  it('says when a threshold metric was not measured', () => {
    const result = createResultFixture()
    result.thresholds = [{expression: 'write.p99 < 5ms', actual: null, pass: false}]
    const text = render(result)
    expect(text).toContain('FAIL  write.p99 < 5ms  (not measured)')
    expect(text).toContain('thresholds: 0 passed, 1 failed')
  })

  it('omits the threshold section when there are none', () => {
    const result = createResultFixture()
    result.thresholds = []
    expect(render(result)).not.toMatch(/PASS|FAIL|thresholds:/)
  })

  it('warns when the run did not complete', () => {
    const result = createResultFixture()
    expect(render(result)).not.toContain('WARNING')
    result.complete = false
    expect(render(result)).toMatch(/^WARNING +the run did not complete/m)
  })

  it('emits no escape codes without colour', () => {
    expect(render(createResultFixture())).not.toContain('\u001b')
    expect(render(extremeResult())).not.toContain('\u001b')
  })

  it('colours verdicts and table heads with colour on', () => {
    const text = render(createResultFixture(), true)
    expect(text).toContain('\u001b[32mPASS\u001b[39m')
    expect(text).toContain('\u001b[31mFAIL\u001b[39m')
    expect(text).toContain('\u001b[36mp99.9\u001b[39m')
    // Colour changes nothing but the codes.
    expect(text.replace(ANSI, '')).toBe(render(createResultFixture()))
  })

  it('shows every messaging label whole, in either column, within 80 columns', () => {
    for (const kind of ['pubsub', 'streams'] as const) {
      const result = createResultFixture()
      result.summary.messaging = {...emptyMessagingSummary(), kind, ...(kind === 'pubsub' ? {lag: null, pending: null, trimmedBeforeRead: null} : {fanout: null})}
      const text = lines(render(result))
      for (const line of text) expect(line.length).toBeLessThanOrEqual(80)
      const labels = kind === 'pubsub' ? ['missed while away', 'expected deliveries', 'publish errors'] : ['trimmed before read', 'lag final', 'pending']
      for (const label of labels) expect(text.some((line) => line.includes(`│ ${label} `))).toBe(true)
      expect(text.join('\n')).not.toContain('…')
    }
  })

  it('draws a messaging run\'s timeline: deliveries, their p99 and the lag, not cache figures it has none of', () => {
    const result = createResultFixture()
    result.summary.messaging = {...emptyMessagingSummary(), kind: 'streams', fanout: null}
    result.timelineIntervalMs = 1000
    result.timeline = [0, 1, 2, 3].map((second) => ({
      atMs: second * 1000,
      durationMs: 1000,
      operations: 5000,
      throughput: 5000,
      hitRatio: null,
      staleRatio: null,
      readP50: null,
      readP99: null,
      errors: 0,
      originReadsPerSecond: 0,
      publishedPerSecond: 5000,
      deliveredPerSecond: second === 2 ? 0 : 10_000,
      deliveryP99: second === 3 ? 2900 : 0.2,
      lag: second === 2 ? 5000 : 0,
    }))
    const text = lines(render(result))
    const start = text.findIndex((line) => line.startsWith('timeline: 4 intervals'))
    const timeline = text.slice(start + 1, start + 5)
    expect(timeline.map((line) => line.split(/\s{2,}|(?<=\S) (?=[▁-█])/)[0])).toEqual(['throughput', 'delivered/s', 'delivery p99', 'lag'])
    expect(timeline[1]).toMatch(/^delivered\/s {2}██▁█ +0\/s – 10,000\/s$/)
    expect(timeline[2]).toMatch(/^delivery p99 ▁▁▁█ +200us – 2\.9s$/)
    for (const line of text) expect(line.length).toBeLessThanOrEqual(80)
  })

  it('falls back to 80 columns for an unusable width', () => {
    expect(render(createResultFixture(), false, Number.NaN)).toBe(render(createResultFixture()))
    expect(render(createResultFixture(), false, 0)).toBe(render(createResultFixture()))
  })

  it('uses a wider terminal for text but never widens past the text', () => {
    const result = createResultFixture()
    result.workload.description = 'word '.repeat(40).trim()
    for (const line of lines(render(result, false, 120))) expect(line.length).toBeLessThanOrEqual(120)
    expect(lines(render(result, false, 120)).some((line) => line.length > 80)).toBe(true)
  })

  it('a repeated run says its figures are the first run\'s and how far the runs spread, or that they agree', () => {
    const result = createResultFixture()
    const headline = (throughput: number, p99: number) => ({throughput, 'read.p99': p99, reads: 100})
    result.repetitions = [headline(1500, 2.5), headline(1200.4, 3.25), headline(1710, 2)]
    const spread = lines(render(result, false, 200)).find((line) => line.startsWith('repeated'))
    expect(spread).toBe("repeated     3 runs; the figures below are the first's; across the runs throughput 1,200/s to 1,710/s, read p99 2ms to 3.25ms")
    result.repetitions = [headline(1500, 2.5), headline(1500, 2.5)]
    expect(lines(render(result)).find((line) => line.startsWith('repeated'))).toBe('repeated     2 runs, with the same figures')
    result.repetitions = undefined
    expect(lines(render(result)).some((line) => line.startsWith('repeated'))).toBe(false)
  })
})
