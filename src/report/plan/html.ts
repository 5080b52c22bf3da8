import {curveModelText, describeGoals, ROW_HEAD, rowCells, strategySummary} from '../../plan/render-plan.js'
import {unmetSentence, type PlanResult} from '../../plan/plan-result.js'
import {escapeHtml} from '../html/escape.js'
import {curveChart} from '../html/curve-chart.js'
import {chartSection, htmlPage, htmlTable} from '../html/page.js'
import type {Renderer} from '../renderer.js'

/** Per strategy: its curve with the smallest memory meeting every goal marked, and the node types sized for it. */
export const planHtmlRenderer: Renderer<PlanResult> = {
  name: 'html',
  render(result) {
    const charts = result.curve.map((curve, index) =>
      curveChart({
        id: `chart-curve-${index}`,
        title: `${curve.strategy}: hit ratio by cache memory`,
        unit: 'bytes',
        points: curve.points,
        chosen: curve.memoryBytes,
        // Where the whole nodes of each type end: the memory actually provisioned.
        boundaries: result.rows
          .filter((row) => row.strategy === curve.strategy)
          .map((row) => ({x: row.provisionedBytes, label: `${row.nodes}× ${row.nodeType}`})),
      }),
    )
    const body = result.curve.map((curve, index) => {
      const rows = result.rows.filter((row) => row.strategy === curve.strategy).map((row) => rowCells(row, result.catalog.currency))
      return [`<h2>${escapeHtml(strategySummary(result, curve))}</h2>`, chartSection(charts[index]), htmlTable(ROW_HEAD, rows)].join('\n')
    })
    // Strategies no size serves: why, and their curves, with no size chosen.
    for (const [index, unmet] of result.unmet.entries()) {
      const chart = curveChart({id: `chart-unmet-${index}`, title: `${unmet.strategy}: hit ratio by cache memory`, unit: 'bytes', points: unmet.points})
      charts.push(chart)
      body.push(`<h2>${escapeHtml(`${unmet.strategy}: no plan`)}</h2>`, `<p>${escapeHtml(unmetSentence(unmet))}</p>`, chartSection(chart))
    }
    body.push('<h2>Assumptions</h2>', `<ul>${result.assumptions.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>`)
    const meta = `goals ${describeGoals(result.goals)}; ${result.engine} nodes from ${result.catalog.file}; ${curveModelText(result)}`
    return htmlPage({title: `cache-bench plan: ${result.workload.name}`, meta, body: body.join('\n'), charts, document: result, tool: `${result.tool.name} ${result.tool.version}`})
  },
}
