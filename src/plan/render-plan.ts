import {formatCurveSize} from '../mrc/render-mrc.js'
import {pointSize} from '../mrc/mrc-result.js'
import {formatCount, formatPercent, formatRate} from '../report/format.js'
import {markdownTable, markdownText} from '../report/markdown-table.js'
import {ratioBar} from '../report/ratio-bars.js'
import {formatDuration, formatSize} from '../workload/units.js'
import type {PlanGoals} from './goals.js'
import {unmetSentence, type PlanResult, type PlanRow, type StrategyCurve, type UnmetStrategy} from './plan-result.js'

const BAR_WIDTH = 30
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
function chart(curve: StrategyCurve | UnmetStrategy): string[] {
  const chosen = 'memoryBytes' in curve ? curve.memoryBytes : Number.NaN
  const step = Math.max(1, Math.ceil(curve.points.length / CHART_ROWS))
  const shown = curve.points.filter((point, index) => index % step === 0 || pointSize(point) === chosen || index === curve.points.length - 1)
  return shown.map((point) => {
    const size = pointSize(point)
    const mark = size === chosen ? '◀ smallest meeting every goal' : ''
    return `  ${formatCurveSize('bytes', size).padStart(9)} │ ${ratioBar(point.hitRatio, BAR_WIDTH)} │ ${formatPercent(point.hitRatio).padStart(6)}  ${mark}`
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

export function renderPlanTerminal(result: PlanResult): string {
  const lines = [
    `workload     ${result.workload.name}${result.workload.file ? ` (${result.workload.file})` : ''}`,
    `goals        ${describeGoals(result.goals)}`,
    `engine       ${result.engine}, nodes from ${result.catalog.file}`,
  ]
  for (const curve of result.curve) {
    lines.push('', strategySummary(result, curve), ...chart(curve), '')
    const rows = result.rows.filter((row) => row.strategy === curve.strategy).map((row) => rowCells(row, result.catalog.currency))
    const widths = ROW_HEAD.map((head, column) => Math.max(head.length, ...rows.map((cells) => cells[column].length)))
    const format = (cells: string[]) => '  ' + cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')
    lines.push(format(ROW_HEAD), ...rows.map(format))
  }
  for (const unmet of result.unmet) lines.push('', unmetSentence(unmet), ...chart(unmet))
  lines.push('', 'assumptions', ...result.assumptions.map((text) => `  - ${text}`))
  return lines.join('\n') + '\n'
}

export function renderPlanMarkdown(result: PlanResult): string {
  const lines = [`## Capacity plan: ${markdownText(result.workload.name)}`, '', `Goals: ${describeGoals(result.goals)}. Engine: ${result.engine}.`, '']
  for (const curve of result.curve) {
    const rows = result.rows.filter((candidate) => candidate.strategy === curve.strategy).map((row) => rowCells(row, result.catalog.currency))
    lines.push(`### ${strategySummary(result, curve)}`, '', markdownTable(ROW_HEAD, rows, ROW_HEAD.map((_, index) => (index === 0 ? 'left' : 'right'))), '')
  }
  for (const unmet of result.unmet) lines.push(`### ${markdownText(unmet.strategy)}: no plan`, '', markdownText(unmetSentence(unmet)), '')
  lines.push('Assumptions:', '', ...result.assumptions.map((text) => `- ${text}`), '')
  return lines.join('\n')
}
