import {LATENCY_NAMES, type Result} from '../../metrics/result.js'
import {formatDuration} from '../../workload/units.js'
import {formatCount, MISSING} from '../format.js'
import {formatGateChange, formatMetric, formatThresholdActual} from '../format-metric.js'
import {escapeHtml} from '../html/escape.js'
import {cards, chartSection, htmlPage, htmlTable, verdictHtml} from '../html/page.js'
import {spectrumChart, timelineCharts} from '../html/result-charts.js'
import {headlineFigures} from '../headline-figures.js'
import {messagingFigures} from '../messaging-figures.js'
import type {Renderer} from '../renderer.js'

/** A run's report as one HTML file: summary cards, timelines, the percentile spectrum, the per-step breakdown. */
export const resultHtmlRenderer: Renderer<Result> = {
  name: 'html',
  render(result) {
    const s = result.summary
    const charts = [...timelineCharts(result), ...[spectrumChart(result)].filter((c) => c !== null)]
    const checks = [...result.thresholds, ...(result.gates ?? [])]
    const verdict = {label: 'verdict', value: !result.complete ? '✘ incomplete' : checks.length === 0 ? 'no thresholds' : checks.every((c) => c.pass) ? '✔ pass' : '✘ FAIL'}
    const messaging = messagingFigures(result)
    const body = [
      cards([verdict, ...headlineFigures(result).map(([label, value]) => ({label, value}))]),
      ...checkSections(result),
      messaging === null ? '' : `<h2>Messaging (${escapeHtml(s.messaging!.kind)})</h2>${htmlTable(['figure', 'value'], messaging)}`,
      charts.length > 0 ? `<h2>Charts</h2>${charts.map(chartSection).join('\n')}` : '',
      '<h2>Latency by step</h2>',
      stepBreakdown(result),
      result.warnings.length > 0 ? `<h2>Warnings</h2><ul>${result.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '',
    ]
    return htmlPage({
      title: `cache-bench: ${result.workload.name}`,
      meta: `${result.target.url} · ${result.strategy.name}${result.strategy.ttlMs === null ? '' : ` (TTL ${formatDuration(result.strategy.ttlMs)})`} · seed ${result.seed} · ${result.clock === 'virtual' ? 'simulated time' : 'wall clock'} · ${formatCount(s.operations)} operations over ${formatDuration(result.durationMs)} · started ${result.startedAt}${result.complete ? '' : ' · INCOMPLETE'}`,
      body: body.join('\n'),
      charts,
      document: result,
      tool: `${result.tool.name} ${result.tool.version}`,
    })
  },
}

function checkSections(result: Result): string[] {
  const sections: string[] = []
  if (result.thresholds.length > 0) {
    const rows = result.thresholds.map((t) => [t.expression, t.actual === null ? MISSING : formatThresholdActual(t.expression, t.actual), verdictHtml(t.pass)])
    sections.push('<h2>Thresholds</h2>', htmlTable(['threshold', 'actual', 'result'], rows, [2]))
  }
  if (result.gates && result.gates.length > 0) {
    const rows = result.gates.map((g) => [g.expression, formatMetric(g.metric, g.base), formatMetric(g.metric, g.actual), formatGateChange(g), verdictHtml(g.pass, g.verdict)])
    sections.push('<h2>Gates against the baseline</h2>', htmlTable(['gate', 'baseline', 'new', 'change', 'verdict'], rows, [4]))
  }
  return sections
}

/** Mean and p99 of every timed step as bars scaled to the slowest p99, with the figures written beside them. */
function stepBreakdown(result: Result): string {
  const steps = LATENCY_NAMES.flatMap((name) => {
    const latency = result.latencyMs[name]
    return latency && latency.count > 0 ? [{name, latency}] : []
  })
  if (steps.length === 0) return '<p>No latencies measured.</p>'
  const slowest = Math.max(...steps.map((step) => step.latency.p99), 1e-9)
  const bar = (ms: number, kind: string): string => `<span class="bar ${kind}" style="width:${Math.max(1, Math.round((ms / slowest) * 160))}px"></span>${escapeHtml(formatDuration(ms))}`
  const rows = steps.map(({name, latency}) => [name, formatCount(latency.count), bar(latency.mean, 'mean'), bar(latency.p99, 'p99'), formatDuration(latency.max)])
  return htmlTable(['step', 'count', 'mean (solid bar)', 'p99 (striped bar)', 'max'], rows, [2, 3])
}
