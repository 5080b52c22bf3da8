import type {Result} from '../metrics/result.js'
import {metricValue} from '../metrics/thresholds.js'
import {strategyUsesCache, strategyUsesOrigin} from '../strategies/strategy-parts.js'
import {formatCount, formatPercent, formatRate} from '../report/format.js'
import {formatDuration} from '../workload/units.js'

/** One figure of the comparison, read from each cell's result. */
export interface Column {
  id: string
  head: string
  /** Which way is better, to mark the best cell. */
  better: 'low' | 'high'
  /** null: not measured, or not meaningful for the cell (cache figures of `none`, origin figures of `cache-only`). */
  value(result: Result): number | null
  format(value: number): string
  /** The stacked table it goes in when the terminal is too narrow for one. */
  group: 'speed' | 'freshness'
}

/**
 * The part of the system a count describes: a cell whose strategy leaves that part out has no such
 * figure. (The ratios — hit ratio, offload, staleness — read as unmeasured there already: the metric catalog.)
 */
type Part = 'cache' | 'origin' | 'both'

const has = (result: Result, part: Part): boolean =>
  part === 'both' || (part === 'cache' ? strategyUsesCache(result.strategy.name) : strategyUsesOrigin(result.strategy.name))

const metric =
  (name: string, part: Part = 'both') =>
  (result: Result): number | null =>
    has(result, part) ? metricValue(result, name) : null

const duration = (ms: number): string => formatDuration(ms)
const COUNT_WIDTH = 8

export const COLUMNS: readonly Column[] = [
  {id: 'read.p50', head: 'read p50', better: 'low', value: metric('read.p50'), format: duration, group: 'speed'},
  {id: 'read.p99', head: 'read p99', better: 'low', value: metric('read.p99'), format: duration, group: 'speed'},
  {id: 'throughput', head: 'ops/s', better: 'high', value: metric('throughput'), format: (v) => formatRate(v, COUNT_WIDTH), group: 'speed'},
  {
    id: 'originReadsPerSecond',
    head: 'origin r/s',
    better: 'low',
    value: (result) => (has(result, 'origin') && result.durationMs > 0 ? (result.summary.origin.reads * 1000) / result.durationMs : null),
    format: (v) => formatRate(v, COUNT_WIDTH),
    group: 'speed',
  },
  {id: 'origin.readsAvoided', head: 'offload', better: 'high', value: metric('origin.readsAvoided'), format: formatPercent, group: 'speed'},
  {id: 'hitRatio', head: 'hit ratio', better: 'high', value: metric('hitRatio'), format: formatPercent, group: 'freshness'},
  {id: 'staleRatio', head: 'stale', better: 'low', value: metric('staleRatio'), format: formatPercent, group: 'freshness'},
  {id: 'stalenessMs.p99', head: 'stale p99', better: 'low', value: metric('stalenessMs.p99'), format: duration, group: 'freshness'},
  {id: 'cache.sets', head: 'cache sets', better: 'low', value: metric('cache.sets', 'cache'), format: (v) => formatCount(v, COUNT_WIDTH), group: 'freshness'},
  {id: 'cache.wastedWrites', head: 'wasted', better: 'low', value: metric('cache.wastedWrites', 'cache'), format: (v) => formatCount(v, COUNT_WIDTH), group: 'freshness'},
]

const TIE = 1e-9

/**
 * Indices of the best cells of a column; none when fewer than two cells have a value or all
 * values are equal, where a mark would say nothing.
 */
export function bestCells(column: Column, results: readonly Result[]): number[] {
  const values = results.map((result) => column.value(result))
  const present = values.filter((value): value is number => value !== null)
  if (present.length < 2) return []
  const best = column.better === 'low' ? Math.min(...present) : Math.max(...present)
  const worst = column.better === 'low' ? Math.max(...present) : Math.min(...present)
  const same = (a: number, b: number): boolean => Math.abs(a - b) <= TIE * Math.max(Math.abs(a), Math.abs(b))
  if (same(best, worst)) return []
  return values.flatMap((value, index) => (value !== null && same(value, best) ? [index] : []))
}
