import {metricValue} from '../metrics/thresholds.js'
import {LATENCY_NAMES, type LatencySummary, type Result} from '../metrics/result.js'
import {formatDuration} from '../workload/units.js'
import type {Painter} from './colour.js'
import {formatCount, formatPercent, formatRate} from './format.js'
import {plainTable} from './plain-table.js'
import {truncate} from './wrap.js'


/*
 * Both tables are laid out to fit 80 columns whatever the figures: every cell has a maximum
 * width (counts switch to `1.23M` form, anything else is cut), and the maxima plus padding and
 * borders add up to at most 80.
 */

const LATENCY_STATS = ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const satisfies readonly (keyof LatencySummary)[]
const LATENCY_HEADS = ['mean', 'p50', 'p90', 'p99', 'p99.9', 'max']
const LATENCY_NAME_WIDTH = Math.max(...LATENCY_NAMES.map((name) => name.length))
const LATENCY_COUNT_WIDTH = 7
/** `formatDuration` needs at most six characters below 100,000 minutes. */
const LATENCY_VALUE_WIDTH = 6

/** One row per latency with samples, in the canonical order; null when nothing was timed. */
export function latencyTable(result: Result, paint: Painter): string | null {
  const rows = LATENCY_NAMES.flatMap((name) => {
    const latency = result.latencyMs[name]
    if (!latency || latency.count <= 0) return []
    return [
      [
        truncate(name, LATENCY_NAME_WIDTH),
        formatCount(latency.count, LATENCY_COUNT_WIDTH),
        ...LATENCY_STATS.map((stat) => truncate(formatDuration(latency[stat]), LATENCY_VALUE_WIDTH)),
      ],
    ]
  })
  if (rows.length === 0) return null
  const table = plainTable({
    head: ['latency', 'count', ...LATENCY_HEADS].map((head) => paint('cyan', head)),
    colAligns: ['left', ...Array<'right'>(7).fill('right')],
  })
  table.push(...rows)
  return table.toString()
}

const SUMMARY_LABEL_WIDTHS = [23, 14]
export const SUMMARY_VALUE_WIDTH = 13
/** A summary table's widest, and what its borders and cell padding take of that: five borders, a space either side of four cells. */
const PAIR_TABLE_WIDTH = 80
const PAIR_TABLE_FRAME = 13

/** Headline figures, two per row. Unmeasured figures (e.g. hit ratio without reads) show as `-`. */
export function summaryTable(result: Result, paint: Painter): string {
  const {summary} = result
  const value = (metric: string): number | null => metricValue(result, metric)
  const duration = (metric: string): string => {
    const ms = value(metric)
    return ms === null ? '-' : formatDuration(ms)
  }
  const count = (metric: string): string => formatCount(value(metric), SUMMARY_VALUE_WIDTH)
  const pairs: [string, string][] = [
    ['throughput (ops/s)', formatRate(value('throughput'), SUMMARY_VALUE_WIDTH)],
    ['errors', count('errors')],
    ['hit ratio', formatPercent(value('hitRatio'))],
    ['stale ratio', formatPercent(value('staleRatio'))],
    ['stale reads', formatCount(summary.staleReads, SUMMARY_VALUE_WIDTH)],
    ['staleness p50', duration('stalenessMs.p50')],
    ['staleness p99', duration('stalenessMs.p99')],
    ['staleness max', duration('stalenessMs.max')],
    ['origin reads', count('origin.reads')],
    ['origin offload', formatPercent(value('origin.readsAvoided'))],
    ['origin peak concurrency', count('origin.peakConcurrency')],
    ['origin writes', count('origin.writes')],
    ['cache sets', count('cache.sets')],
    ['wasted writes', count('cache.wastedWrites')],
    ['evictions', count('cache.evictions')],
    ['expirations', count('cache.expirations')],
  ]
  // Stampede, write-behind and refresh-ahead figures only when there is something to show.
  const optional: [string, string][] = [
    ['duplicate origin reads', 'origin.duplicateReads'],
    ['refreshes', 'origin.refreshes'],
    ['writes coalesced', 'origin.writesCoalesced'],
    ['writes pending', 'origin.writesPending'],
    ['writes lost', 'origin.writesLost'],
    ['lease waits', 'cache.leaseWaits'],
    ['stale sets refused', 'cache.leaseSetsRefused'],
  ]
  const shown = optional.filter(([, metric]) => (value(metric) ?? 0) !== 0).map(([label, metric]): [string, string] => [label, count(metric)])
  pairs.push(...shown)
  if (summary.structures.hgetall > 0) pairs.push(['hgetall hit ratio', formatPercent(value('structures.hgetallHitRatio'))])
  return pairTable(pairs, paint)
}

/** Labelled figures, two per row, each cell cut to its column's width. */
export function pairTable(pairs: [string, string][], paint: Painter): string {
  if (pairs.length % 2 === 1) pairs.push(['', ''])
  // Within 80 columns: the left labels up to their own width, and the right labels whatever the
  // left labels and both value columns leave (the widths are what fits the widest values).
  const widest = (column: number, part: 0 | 1, limit: number): number =>
    Math.max(0, ...pairs.filter((_, index) => index % 2 === column).map((pair) => Math.min(pair[part].length, limit)))
  const left = widest(0, 0, SUMMARY_LABEL_WIDTHS[0])
  const values = widest(0, 1, SUMMARY_VALUE_WIDTH) + widest(1, 1, SUMMARY_VALUE_WIDTH)
  const widths = [left, Math.max(SUMMARY_LABEL_WIDTHS[1], PAIR_TABLE_WIDTH - PAIR_TABLE_FRAME - left - values)]
  const table = plainTable({colAligns: ['left', 'right', 'left', 'right']})
  for (let index = 0; index < pairs.length; index += 2) {
    const row = [pairs[index], pairs[index + 1]].flatMap(([label, text], column) => [
      paint('cyan', truncate(label, widths[column])),
      truncate(text, SUMMARY_VALUE_WIDTH),
    ])
    table.push(row)
  }
  return table.toString()
}
