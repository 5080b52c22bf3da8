import {painter, type Paint} from '../report/colour.js'
import {MISSING} from '../report/format.js'
import {plainTable} from '../report/plain-table.js'
import {printable} from '../report/printable.js'
import {truncate, wrapText} from '../report/wrap.js'
import {COLUMNS, type Column} from './columns.js'
import type {Comparison} from './comparison.js'

type Painter = (paint: Paint, text: string) => string

const LABEL_MAX = 32
const BEST_MARK = '*'
/** Two stacked tables of five figures stay within this whatever the labels (at most 32 characters). */
export const NARROW_TABLE_LIMIT = 100

/**
 * The side-by-side table, cells as rows and figures as columns, then the verdict. One table when
 * the terminal is wide enough for all ten figures; otherwise two stacked tables (speed and
 * origin load; freshness and cache cost) that fit 100 columns, and 80 with short cell labels.
 */
export function renderComparison(comparison: Comparison, options: {colour: boolean; width: number}): string {
  const paint = painter(options.colour)
  const whole = table(comparison, COLUMNS, painter(false))
  const tables = widest(whole) <= options.width
    ? [table(comparison, COLUMNS, paint)]
    : [table(comparison, COLUMNS.filter((c) => c.group === 'speed'), paint), table(comparison, COLUMNS.filter((c) => c.group === 'freshness'), paint)]
  const width = Math.max(40, Math.min(options.width, NARROW_TABLE_LIMIT))
  const lines = [
    ...wrapText(heading(comparison), width),
    '',
    tables.join('\n'),
    `${BEST_MARK} best in its column    ${MISSING} not measured, or not applicable without a cache`,
    '',
    paint('bold', 'Verdict'),
    ...comparison.verdict.flatMap((sentence) => wrapText(sentence, width, 2, '- ')),
  ]
  return `${lines.join('\n')}\n`
}

function heading(comparison: Comparison): string {
  const first = comparison.results[0]
  const where = first ? ` on ${first.target.url}` : ''
  const what = printable(comparison.workload.file ? `${comparison.workload.name} (${comparison.workload.file})` : comparison.workload.name)
  const count = comparison.results.length
  const clock = first?.clock === 'virtual' ? ', simulated time' : ''
  return `Compared ${count} cell${count === 1 ? '' : 's'} of ${what}${where}${clock}; each cell is a full run.`
}

function table(comparison: Comparison, columns: readonly Column[], paint: Painter): string {
  const rendered = plainTable({
    head: ['cell', ...columns.map((column) => column.head)].map((head) => paint('cyan', head)),
    colAligns: ['left', ...columns.map(() => 'right' as const)],
  })
  for (const [index, result] of comparison.results.entries()) {
    const figures = columns.map((column) => {
      const value = column.value(result)
      if (value === null) return MISSING
      const text = column.format(value)
      return comparison.best[column.id]?.includes(index) ? paint('green', `${text}${BEST_MARK}`) : `${text} `
    })
    rendered.push([truncate(result.cell.label, LABEL_MAX), ...figures])
  }
  return rendered.toString()
}

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => line.length))
}
