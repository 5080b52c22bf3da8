import type {DiffReport} from '../../diff/diff-report.js'
import {formatDifference, formatGateChange, formatMetric, formatNoiseBand} from '../format-metric.js'
import type {ChartSpec} from '../html/chart-spec.js'
import {escapeHtml} from '../html/escape.js'
import {cards, chartSection, htmlPage, htmlTable, verdictHtml} from '../html/page.js'
import type {Renderer} from '../renderer.js'
import {diffHeading} from './terminal.js'

/** Before and after: the gates with their verdicts, the gated medians side by side, every changed figure. */
export const diffHtmlRenderer: Renderer<DiffReport> = {
  name: 'html',
  render(diff) {
    // p and the noise band exist only when both sides were repeated: exact mode leaves the columns out, as the terminal does.
    const statistical = diff.mode === 'statistical'
    const gateHead = ['gate', 'baseline', 'new', 'change', ...(statistical ? ['p', 'noise (base | new)'] : []), 'verdict']
    const gateRows = diff.gates.map((g) => [
      g.expression,
      formatMetric(g.metric, g.base),
      formatMetric(g.metric, g.actual),
      formatGateChange(g),
      ...(statistical ? [g.pValue === undefined ? '' : g.pValue.toPrecision(2), formatNoiseBand(g)] : []),
      verdictHtml(g.pass, g.verdict),
    ])
    const charts: ChartSpec[] = diff.gates.length === 0 ? [] : [beforeAfter(diff)]
    const body = [
      cards([
        {label: 'verdict', value: diff.gates.length === 0 ? 'no gates' : diff.pass ? '✔ pass' : '✘ FAIL'},
        {label: 'gates failed', value: String(diff.gates.filter((g) => !g.pass).length)},
        {label: 'figures changed', value: String(diff.changes.length)},
        {label: 'mode', value: diff.mode},
      ]),
      diff.notes.length > 0 ? `<ul>${diff.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '',
      diff.gates.length > 0 ? `<h2>Gates</h2>${htmlTable(gateHead, gateRows, [gateHead.length - 1])}` : '',
      charts.map(chartSection).join('\n'),
      '<h2>Changed figures</h2>',
      diff.changes.length === 0
        ? '<p>No figure changed.</p>'
        : htmlTable(['metric', 'baseline', 'new', 'change'], diff.changes.map((c) => [c.metric, formatMetric(c.metric, c.base), formatMetric(c.metric, c.actual), formatDifference(c.metric, c.change)])),
    ]
    return htmlPage({title: `cache-bench diff: ${diff.new.workload}`, meta: diffHeading(diff), body: body.join('\n'), charts, document: diff, tool: 'cache-bench'})
  },
}

/** Each gated metric's new figure as a percentage of its baseline (100 = unchanged), baseline and new as two series. */
function beforeAfter(diff: DiffReport): ChartSpec {
  const relative = (value: number | null, base: number | null): number | null => (value === null || base === null || base === 0 ? null : (value / base) * 100)
  return {
    id: 'chart-before-after',
    title: 'Gated figures, new as % of baseline (gate number on the x axis)',
    xLabel: 'gate',
    yLabel: '% of baseline',
    scatter: true,
    xTicks: 'whole',
    x: diff.gates.map((_, i) => i + 1),
    series: [
      {label: 'baseline', values: diff.gates.map((g) => (g.base === null ? null : 100))},
      {label: 'new', values: diff.gates.map((g) => relative(g.actual, g.base))},
    ],
    pointLabels: diff.gates.map((g, i) => `${i + 1}: ${g.metric} ${g.verdict}`),
  }
}
