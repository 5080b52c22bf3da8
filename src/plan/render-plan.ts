import {formatCurveSize} from '../mrc/render-mrc.js'
import {pointSize} from '../mrc/mrc-result.js'
import {formatCount, formatPercent, formatRate} from '../report/format.js'
import {markdownTable, markdownText} from '../report/markdown-table.js'
import {ratioBar} from '../report/ratio-bars.js'
import type {RenderOptions} from '../report/renderer.js'
import {wrapText} from '../report/wrap.js'
import {formatDuration, formatSize} from '../workload/units.js'
import type {PlanGoals} from './goals.js'
import {engineName} from './node-sizing.js'
import {unmetSentence, type PlanResult, type PlanRow, type StrategyCurve, type UnmetStrategy} from './plan-result.js'

const BAR_WIDTH = 30
/** The narrowest bar the chart draws, however narrow the terminal. */
const MIN_BAR_WIDTH = 10
const CHOSEN_MARK = '◀ smallest meeting every goal'
/** Columns of a chart row besides its bar and mark: indent, size, two rules, percentage and gaps. */
const CHART_ROW_FIXED = 2 + 9 + 3 + 3 + 6 + 2
/** Curve rows shown in the terminal chart. */
const CHART_ROWS = 12

export function describeGoals(goals: PlanGoals): string {
  return [
    goals.hitRatio === undefined ? null : `hit ratio ≥ ${goals.hitRatio}`,
    goals.originReadsPerSec === undefined ? null : `origin reads ≤ ${formatRate(goals.originReadsPerSec)}/s`,
    goals.readP99Ms === undefined ? null : `read p99 ≤ ${formatDuration(goals.readP99Ms)}`,
    goals.staleRatio === undefined ? null : `stale ratio ≤ ${goals.staleRatio}`,
  ]
    .filter((goal) => goal !== null)
    .join(', ')
}

/** The curve thinned to CHART_ROWS points, the chosen size marked (none on a strategy no size serves). */
function chart(curve: StrategyCurve | UnmetStrategy, width: number): string[] {
  const chosen = 'memoryBytes' in curve ? curve.memoryBytes : Number.NaN
  const step = Math.max(1, Math.ceil(curve.points.length / CHART_ROWS))
  const shown = curve.points.filter((point, index) => index % step === 0 || pointSize(point) === chosen || index === curve.points.length - 1)
  const barWidth = Math.max(MIN_BAR_WIDTH, Math.min(BAR_WIDTH, width - CHART_ROW_FIXED - CHOSEN_MARK.length))
  return shown.map((point) => {
    const size = pointSize(point)
    const mark = size === chosen ? CHOSEN_MARK : ''
    return `  ${formatCurveSize('bytes', size).padStart(9)} │ ${ratioBar(point.hitRatio, barWidth)} │ ${formatPercent(point.hitRatio).padStart(6)}  ${mark}`.trimEnd()
  })
}

export function rowCells(row: PlanRow, currency: string): string[] {
  return [
    row.nodeType,
    `${row.nodes}${row.replicasPerNode > 0 ? ` (+${row.nodes * row.replicasPerNode} replicas)` : ''}`,
    formatSize(row.provisionedBytes),
    `${formatCount(Math.round(row.monthlyCost))} ${currency}`,
    formatPercent(row.oneNodeFailed.hitRatio),
    formatRate(row.oneNodeFailed.originReadsPerSec),
    row.oneNodeFailed.meetsGoals ? 'yes' : row.oneNodeFailed.nodesToMeetGoals === null ? 'no' : `with ${row.oneNodeFailed.nodesToMeetGoals} nodes`,
  ]
}

export const ROW_HEAD = ['node type', 'nodes', 'cache memory', 'per month', 'hit, 1 node down', 'origin/s, 1 node down', 'N+1 ok']

export function strategySummary(result: PlanResult, curve: StrategyCurve): string {
  const row = result.rows.find((candidate) => candidate.strategy === curve.strategy) as PlanRow
  const origin = row.originReadsPerSec === null ? '' : `, origin ${formatRate(row.originReadsPerSec)} reads/s`
  const p99 = row.readP99Ms === null ? '' : `, read p99 ${formatDuration(row.readP99Ms)}`
  return `${curve.strategy}: ${formatSize(curve.memoryBytes)} of cache → hit ratio ${formatPercent(row.hitRatio)}${origin}${p99} (curve by ${curve.method})`
}

/** Which cache model the curves were computed with: a plan sized by the ideal model says so beside its Redis or Memcached nodes. */
export function curveModelText(result: PlanResult): string {
  if (result.curveModel === result.engine) return `curves of the ${result.curveModel} cache model`
  return `curves of the workload's ${result.curveModel} cache model (--engine ${result.engine} models a ${engineName(result.engine)} node's memory and eviction)`
}

/**
 * The plan laid out in `width` columns (80 when piped): sentences wrap, the chart's bars shrink,
 * and a node table too wide for one block is printed as two, each led by the node type. Without
 * a width, nothing is wrapped.
 */
export function renderPlanTerminal(result: PlanResult, options: Pick<RenderOptions, 'width'> = {width: Number.POSITIVE_INFINITY}): string {
  const width = Math.max(40, options.width)
  const wrap = (text: string, lead = ''): string[] => wrapText(text, width, Math.max(2, lead.length), lead)
  const lines = [
    ...wrap(`${result.workload.name}${result.workload.file ? ` (${result.workload.file})` : ''}`, 'workload     '),
    ...wrap(describeGoals(result.goals), 'goals        '),
    ...wrap(`${result.engine} nodes from ${result.catalog.file}; ${curveModelText(result)}`, 'engine       '),
  ]
  for (const curve of result.curve) {
    lines.push('', ...wrap(strategySummary(result, curve)), ...chart(curve, width), '')
    const rows = result.rows.filter((row) => row.strategy === curve.strategy).map((row) => rowCells(row, result.catalog.currency))
    lines.push(...nodeTable(rows, width))
  }
  for (const unmet of result.unmet) lines.push('', ...wrap(unmetSentence(unmet)), ...chart(unmet, width))
  lines.push('', 'assumptions', ...result.assumptions.flatMap((text) => wrapText(text, width, 4, '  - ')))
  return lines.join('\n') + '\n'
}

/** The node types' rows in aligned columns; when they do not fit, the columns after the node type are split over two blocks. */
function nodeTable(rows: string[][], width: number): string[] {
  const widths = ROW_HEAD.map((head, column) => Math.max(head.length, ...rows.map((cells) => cells[column].length)))
  const block = (columns: number[]): string[] => {
    const format = (cells: string[]) => '  ' + columns.map((column) => (column === 0 ? cells[column].padEnd(widths[column]) : cells[column].padStart(widths[column]))).join('  ')
    return [format(ROW_HEAD), ...rows.map(format)].map((line) => line.trimEnd())
  }
  const all = ROW_HEAD.map((_, column) => column)
  const tableWidth = (columns: number[]) => 2 + columns.reduce((sum, column) => sum + widths[column], 0) + 2 * (columns.length - 1)
  if (tableWidth(all) <= width) return block(all)
  // Cost and size first, then how the plan fares with one node down.
  return [...block([0, 1, 2, 3]), '', ...block([0, 4, 5, 6])]
}

export function renderPlanMarkdown(result: PlanResult): string {
  const lines = [`## Capacity plan: ${markdownText(result.workload.name)}`, '', `Goals: ${describeGoals(result.goals)}. Engine: ${result.engine} nodes; ${curveModelText(result)}.`, '']
  for (const curve of result.curve) {
    const rows = result.rows.filter((candidate) => candidate.strategy === curve.strategy).map((row) => rowCells(row, result.catalog.currency))
    lines.push(`### ${strategySummary(result, curve)}`, '', markdownTable(ROW_HEAD, rows, ROW_HEAD.map((_, index) => (index === 0 ? 'left' : 'right'))), '')
  }
  for (const unmet of result.unmet) lines.push(`### ${markdownText(unmet.strategy)}: no plan`, '', markdownText(unmetSentence(unmet)), '')
  lines.push('Assumptions:', '', ...result.assumptions.map((text) => `- ${text}`), '')
  return lines.join('\n')
}
