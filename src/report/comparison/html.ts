import {COLUMNS, type Column} from '../../compare/columns.js'
import type {CellResult, Comparison} from '../../compare/comparison.js'
import {MISSING} from '../format.js'
import type {ChartSpec} from '../html/chart-spec.js'
import {escapeHtml} from '../html/escape.js'
import {chartSection, htmlPage, htmlTable} from '../html/page.js'
import type {Renderer} from '../renderer.js'
import {cellWarnings} from '../../compare/cell-warnings.js'

const BEST = '★'
const column = (id: string): Column => COLUMNS.find((c) => c.id === id) as Column

/** The comparison table with the best cells starred, and two scatters of the trade-offs. */
export const comparisonHtmlRenderer: Renderer<Comparison> = {
  name: 'html',
  render(comparison) {
    const charts = [
      scatter(comparison, 'chart-stale-vs-origin', 'Stale ratio vs origin load', column('originReadsPerSecond'), column('staleRatio'), 100),
      scatter(comparison, 'chart-p99-vs-hit', 'Read p99 vs hit ratio', column('hitRatio'), column('read.p99'), 1),
    ].filter((chart): chart is ChartSpec => chart !== null)
    const rows = comparison.results.map((result, index) => [
      escapeHtml(result.cell.label),
      ...COLUMNS.map((c) => {
        const value = c.value(result)
        if (value === null) return MISSING
        const text = escapeHtml(c.format(value))
        return comparison.best[c.id]?.includes(index) ? `<span class="best">${BEST} ${text}</span>` : text
      }),
    ])
    const first = comparison.results[0]
    const warnings = cellWarnings(comparison)
    return htmlPage({
      title: `cache-bench compare: ${comparison.workload.name}`,
      meta: `${comparison.results.length} cells, each a full run${first ? ` on ${first.target.url}${first.clock === 'virtual' ? ', simulated time' : ''}` : ''}. ${BEST} marks the best cell of each column.`,
      body: [
        htmlTable(['cell', ...COLUMNS.map((c) => c.head)], rows, COLUMNS.map((_, i) => i + 1).concat(0)),
        '<h2>Verdict</h2>',
        `<ul>${comparison.verdict.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>`,
        warnings.length > 0 ? `<h2>Warnings</h2><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '',
        charts.length > 0 ? `<h2>Trade-offs</h2>${charts.map(chartSection).join('\n')}` : '',
      ].join('\n'),
      charts,
      document: comparison,
      tool: first ? `${first.tool.name} ${first.tool.version}` : 'cache-bench',
    })
  },
}

/** One point per cell that has both figures, labelled with the cell (starred when best on either axis). */
function scatter(comparison: Comparison, id: string, title: string, xColumn: Column, yColumn: Column, yScale: number): ChartSpec | null {
  const points = comparison.results
    .map((result, index) => ({result, index, x: xColumn.value(result), y: yColumn.value(result)}))
    .filter((p): p is {result: CellResult; index: number; x: number; y: number} => p.x !== null && p.y !== null)
    .sort((a, b) => a.x - b.x)
  if (points.length === 0) return null
  const best = (p: {index: number}): boolean => [xColumn, yColumn].some((c) => comparison.best[c.id]?.includes(p.index))
  const ratio = (c: Column): boolean => c.format === COLUMNS.find((k) => k.id === 'hitRatio')?.format
  return {
    id,
    title,
    xLabel: `${xColumn.head}${ratio(xColumn) ? ' (0–1)' : ''}`,
    yLabel: `${yColumn.head}${yScale === 100 ? ' %' : ' ms'}`,
    scatter: true,
    x: points.map((p) => p.x),
    series: [{label: 'cell', values: points.map((p) => p.y * yScale)}],
    pointLabels: points.map((p) => `${best(p) ? `${BEST} ` : ''}${p.result.cell.label}`),
  }
}
