import type {Result} from '../metrics/result.js'
import type {TimelinePoint} from '../metrics/timeline.js'
import {formatDuration} from '../workload/units.js'
import type {Painter} from './colour.js'
import {formatCount, formatPercent} from './format.js'
import {sparkline} from './sparkline.js'
import {shownRatio, sparseNote} from './timeline-ratio.js'
import {eventMarks} from './timeline-events.js'
import {wrapText} from './wrap.js'

const LABEL_WIDTH = 12
const RANGE_WIDTH = 20

interface Series {
  label: string
  pick: (point: TimelinePoint) => number | null
  format: (value: number) => string
}

const SERIES: Series[] = [
  {label: 'hit ratio', pick: (p) => shownRatio(p, p.hitRatio), format: formatPercent},
  {label: 'stale ratio', pick: (p) => shownRatio(p, p.staleRatio), format: formatPercent},
  {label: 'read p99', pick: (p) => p.readP99, format: formatDuration},
  {label: 'throughput', pick: (p) => p.throughput, format: (v) => `${formatCount(Math.round(v))}/s`},
  // Messaging runs: what arrived, how late, and how far a consumer group fell behind.
  {label: 'delivered/s', pick: (p) => p.deliveredPerSecond ?? null, format: (v) => `${formatCount(Math.round(v))}/s`},
  {label: 'delivery p99', pick: (p) => p.deliveryP99 ?? null, format: formatDuration},
  {label: 'lag', pick: (p) => p.lag ?? null, format: (v) => formatCount(v)},
]

/** Sparklines of the per-interval figures, so a dip and its recovery can be seen at a glance. */
export function timelineLines(result: Result, width: number, paint: Painter): string[] {
  // The last interval is usually a sliver of the run; its rates would mislead.
  const points = result.timeline.filter((point) => point.durationMs >= result.timelineIntervalMs / 2)
  if (points.length < 2) return []
  const shown = SERIES.filter((series) => points.some((point) => series.pick(point) !== null))
  // At least one space between the longest label and its line.
  const labelWidth = Math.max(LABEL_WIDTH, ...shown.map((series) => series.label.length + 1))
  const graphWidth = Math.max(width - labelWidth - RANGE_WIDTH - 2, 10)
  const lines = [paint('bold', `timeline: ${points.length} intervals of ${formatDuration(result.timelineIntervalMs)}`)]
  const events = result.events ?? []
  const marks = eventMarks(events, points.length, result.timelineIntervalMs, graphWidth)
  for (const series of shown) {
    const values = points.map(series.pick)
    const present = values.filter((value): value is number => value !== null)
    const range = `${series.format(Math.min(...present))} – ${series.format(Math.max(...present))}`
    lines.push(`${series.label.padEnd(labelWidth)}${sparkline(values, graphWidth).padEnd(graphWidth)}  ${range}`)
    // Under the first line (the hit ratio, where a failure or a resize shows first).
    if (series === shown[0] && marks.row !== '') lines.push(`${'events'.padEnd(labelWidth)}${marks.row}`)
  }
  const sparse = sparseNote(points)
  for (const line of sparse === '' ? marks.legend : [...marks.legend, sparse]) lines.push(...wrapText(line, width, labelWidth + 2, ' '.repeat(labelWidth)))
  return lines
}
