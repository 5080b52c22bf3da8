import {withMerged} from '../../merge/merged-histogram.js'
import type {EncodedHistogram, Result} from '../../metrics/result.js'
import type {TimelinePoint} from '../../metrics/timeline.js'
import {describeEvent} from '../timeline-events.js'
import {shownRatio, sparseNote} from '../timeline-ratio.js'
import type {ChartSpec} from './chart-spec.js'

/** Percentiles of the spectrum, as far into the tail as a million samples can say anything. */
const SPECTRUM = [0, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.8, 99.9, 99.95, 99.99, 99.995, 99.999]

/** Hit ratio, throughput and read p99 per interval (a messaging run: messages per second, delivery p99 and lag), with phase starts and events marked. */
export function timelineCharts(result: Result): ChartSpec[] {
  // The last interval is usually a sliver of the run; its rates would mislead.
  const points = result.timeline.filter((p) => p.durationMs >= result.timelineIntervalMs / 2)
  if (points.length < 2) return []
  const x = points.map((p) => p.atMs / 1000)
  const marks = [...phaseMarks(result), ...eventMarks(result)]
  // Rates and latencies are drawn from zero: an axis fitted to 500–500.6 ops/s turns a constant rate into a cliff.
  const chart = (id: string, title: string, yLabel: string, picks: Array<[string, (p: TimelinePoint) => number | null]>, yFromZero = true): ChartSpec => ({
    id,
    title,
    xLabel: 'seconds (interval start)',
    yLabel,
    yFromZero,
    x,
    series: picks.map(([label, pick]) => ({label, values: points.map(pick)})),
    marks,
  })
  if (result.summary.messaging) {
    const charts = [
      chart('chart-messages', 'Messages per second', 'messages/s', [
        ['published/s', (p) => p.publishedPerSecond ?? null],
        ['delivered/s', (p) => p.deliveredPerSecond ?? null],
      ]),
      chart('chart-delivery-p99', 'Delivery p99 over time', 'delivery p99 ms', [['delivery p99 ms', (p) => p.deliveryP99 ?? null]]),
    ]
    if (result.summary.messaging.lag) charts.push(chart('chart-lag', 'Consumer-group lag over time', 'entries', [['largest lag', (p) => p.lag ?? null]]))
    return charts
  }
  const hitRatio = (p: TimelinePoint): number | null => {
    const ratio = shownRatio(p, p.hitRatio)
    return ratio === null ? null : ratio * 100
  }
  return [
    chart('chart-hit-ratio', hitRatioTitle(points), 'hit ratio %', [['hit ratio %', hitRatio]], false),
    chart('chart-throughput', 'Throughput over time', 'ops/s', [['ops/s', (p) => p.throughput]]),
    chart('chart-read-p99', 'Read p99 over time', 'read p99 ms', [['read p99 ms', (p) => p.readP99]]),
  ]
}

function hitRatioTitle(points: readonly TimelinePoint[]): string {
  const note = sparseNote(points)
  return note === '' ? 'Hit ratio over time' : `Hit ratio over time (${note})`
}

/**
 * Latency at each percentile on log axes (x as "1 in N" reads slower), from the exact
 * histograms: response time, and in an open loop the service time beside it.
 */
export function spectrumChart(result: Result): ChartSpec | null {
  const response = result.histograms?.latency.read
  if (!response || response.count === 0) return null
  const service = result.histograms?.serviceTime.read
  const series = [{label: result.load.mode === 'open' ? 'read response time ms' : 'read latency ms', values: percentiles(response)}]
  if (service && service.count > 0) series.push({label: 'read service time ms', values: percentiles(service)})
  return {
    id: 'chart-spectrum',
    title: 'Read latency percentile spectrum',
    xLabel: 'slower than all but 1 in N reads',
    yLabel: 'ms',
    xLog: true,
    yLog: true,
    xTicks: 'one-in',
    x: SPECTRUM.map((p) => 1 / (1 - p / 100)),
    series,
  }
}

function percentiles(encoded: EncodedHistogram): (number | null)[] {
  // A log axis has no place for 0: the fastest reads of a zero-latency cache are left out.
  return withMerged([encoded], (h) => SPECTRUM.map((p) => h.percentile(p))).map((ms) => (ms > 0 ? ms : null))
}

function phaseMarks(result: Result): {x: number; label: string}[] {
  let start = 0
  return (result.phases ?? []).map((phase) => {
    const mark = {x: start / 1000, label: `phase ${phase.name}`}
    start += phase.durationMs
    return mark
  })
}

function eventMarks(result: Result): {x: number; label: string}[] {
  return (result.events ?? []).flatMap((event) => (event.timelineMs === null ? [] : [{x: event.timelineMs / 1000, label: `${event.error ? '✘ ' : ''}${describeEvent(event)}`}]))
}
