import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {timelineCharts} from '../../src/report/html/result-charts.js'
import {painter} from '../../src/report/colour.js'
import {formatPercent} from '../../src/report/format.js'
import {timelineLines} from '../../src/report/terminal-timeline.js'
import {testWorkload} from '../helpers/workload.js'

describe('intervals with too few reads for a ratio', () => {
  it('are left blank in the terminal sparkline and the HTML chart, and out of the range, and the report says so', async () => {
    // 4000/s on 10 ms intervals, half reads: about 20 reads an interval, so some fall short of 20.
    const result = await runWorkload(
      testWorkload({
        keyspace: {count: 100, distribution: 'uniform'},
        mix: {read: 0.5, write: 0.5, delete: 0},
        load: {rate: 4000, operations: 1600, warmup: {operations: 0}},
      }),
      {intervalMs: 10},
    )
    const points = result.timeline.filter((point) => point.durationMs >= result.timelineIntervalMs / 2)
    const reads = points.map((point) => point.reads ?? -1)
    expect(result.timeline.reduce((sum, point) => sum + (point.reads ?? 0), 0)).toBe(result.summary.reads)
    const sparse = reads.filter((count) => count < 20).length
    expect(sparse).toBeGreaterThan(0)
    expect(sparse).toBeLessThan(points.length)

    const lines = timelineLines(result, 120, painter(false))
    const row = lines.find((line) => line.startsWith('hit ratio'))?.slice(12, 12 + points.length)
    expect(row?.split('').map((column) => column === ' ')).toEqual(reads.map((count) => count < 20))
    const shown = points.filter((point) => (point.reads ?? 0) >= 20).map((point) => point.hitRatio ?? 0)
    expect(lines.find((line) => line.startsWith('hit ratio'))).toContain(`${formatPercent(Math.min(...shown))} – ${formatPercent(Math.max(...shown))}`)
    expect(lines.join('\n')).toContain(`${sparse} intervals with fewer than 20 reads: ratios left blank`)

    const chart = timelineCharts(result).find((spec) => spec.id === 'chart-hit-ratio')
    expect(chart?.series[0].values.map((value) => value === null)).toEqual(reads.map((count) => count < 20))
  })
})
