import {formatCurveSize} from '../../mrc/render-mrc.js'
import {pointSize, type MrcResult} from '../../mrc/mrc-result.js'
import {formatPercent, formatRate} from '../format.js'
import {curveChart} from '../html/curve-chart.js'
import {cards, chartSection, htmlPage, htmlTable} from '../html/page.js'
import type {Renderer} from '../renderer.js'

/** The miss-ratio curve as a chart on a log size axis, and its points as a table. */
export const mrcHtmlRenderer: Renderer<MrcResult> = {
  name: 'html',
  render(result) {
    const chart = curveChart({id: 'chart-curve', title: 'Hit ratio by cache size', unit: result.unit, points: result.points})
    const rows = result.points.map((point) => [formatCurveSize(result.unit, pointSize(point)), formatPercent(point.hitRatio), formatPercent(point.missRatio), formatRate(point.originReadsPerSec)])
    const body = [
      cards([
        {label: 'strategy', value: result.strategy.name},
        {label: 'eviction', value: result.cache.eviction},
        {label: 'method', value: result.method},
        {label: 'sizes', value: String(result.points.length)},
      ]),
      chartSection(chart),
      '<h2>Curve</h2>',
      htmlTable([result.unit === 'items' ? 'items' : 'memory', 'hit ratio', 'miss ratio', 'origin reads/s'], rows),
    ]
    const meta = `workload ${result.workload.name}, cache model ${result.cache.model}, seed ${result.seed}${result.methodReason ? `; ${result.methodReason}` : ''}`
    return htmlPage({title: `cache-bench mrc: ${result.workload.name}`, meta, body: body.join('\n'), charts: [chart], document: result, tool: `${result.tool.name} ${result.tool.version}`})
  },
}
