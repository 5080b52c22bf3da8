import {painter, type Paint} from '../report/colour.js'
import {MISSING} from '../report/format.js'
import {plainTable} from '../report/plain-table.js'
import {printable} from '../report/printable.js'
import {wrapText} from '../report/wrap.js'
import {cellWarnings} from './cell-warnings.js'
import {COLUMNS, type Column} from './columns.js'
import type {Comparison} from './comparison.js'

type Painter = (paint: Paint, text: string) => string

const LABEL_MAX = 32
/** Labels are wrapped, never cut, down to this width when the tables would not fit otherwise. */
const LABEL_MIN = 8
const BEST_MARK = '*'
/** The verdict and heading wrap at the terminal's width, but no wider than this, for reading. */
export const NARROW_TABLE_LIMIT = 100

/**
 * The side-by-side table, cells as rows and figures as columns, then the verdict. One table when
 * the terminal is wide enough for all ten figures; otherwise two stacked tables (speed and
 * origin load; freshness and cache cost). Cell labels wrap onto several lines, as narrow as
 * needed to fit `width`, so two cells never show the same label.
 */
export function renderComparison(comparison: Comparison, options: {colour: boolean; width: number}): string {
  const paint = painter(options.colour)
  const groups = [COLUMNS.filter((c) => c.group === 'speed'), COLUMNS.filter((c) => c.group === 'freshness')]
  const layouts = [[COLUMNS], groups]
  let tables: string[] | undefined
  for (const layout of layouts) {
    const labelWidth = fittingLabelWidth(comparison, layout, options.width)
    if (labelWidth !== undefined) {
      tables = layout.map((columns) => table(comparison, columns, paint, labelWidth))
      break
    }
  }
  // Nothing fits: the narrowest labels, and the terminal wraps what is left.
  tables ??= groups.map((columns) => table(comparison, columns, paint, LABEL_MIN))
  const width = Math.max(40, Math.min(options.width, NARROW_TABLE_LIMIT))
  const lines = [
    ...wrapText(heading(comparison), width),
    '',
    tables.join('\n'),
    `${BEST_MARK} best in its column    ${MISSING} not measured, or not applicable to the cell's strategy`,
    '',
    paint('bold', 'Verdict'),
    ...comparison.verdict.flatMap((sentence) => wrapText(sentence, width, 2, '- ')),
  ]
  const warnings = cellWarnings(comparison)
  if (warnings.length > 0) lines.push('', paint('yellow', 'Warnings'), ...warnings.flatMap((sentence) => wrapText(sentence, width, 2, '- ')))
  return `${lines.join('\n')}\n`
}

/** The widest label width (LABEL_MIN..LABEL_MAX) at which every table of `layout` fits `width`. */
function fittingLabelWidth(comparison: Comparison, layout: ReadonlyArray<readonly Column[]>, width: number): number | undefined {
  for (let labelWidth = LABEL_MAX; labelWidth >= LABEL_MIN; labelWidth--) {
    const fits = layout.every((columns) => widest(table(comparison, columns, painter(false), labelWidth)) <= width)
    if (fits) return labelWidth
  }
  return undefined
}

/** A label as lines of at most `width`, broken at spaces, after "+" and, for a longer word, anywhere. */
export function wrapLabel(label: string, width: number): string {
  const words = label.split(' ').flatMap((word) => word.split(/(?<=\+)/))
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    const glue = line === '' || line.endsWith('+') ? '' : ' '
    if (line !== '' && line.length + glue.length + word.length > width) {
      lines.push(line)
      line = ''
    }
    let rest = line === '' ? word : `${line}${glue}${word}`
    while (rest.length > width) {
      lines.push(rest.slice(0, width))
      rest = rest.slice(width)
    }
    line = rest
  }
  if (line !== '') lines.push(line)
  return lines.join('\n')
}

function heading(comparison: Comparison): string {
  const first = comparison.results[0]
  const where = first ? ` on ${first.target.url}` : ''
  const what = printable(comparison.workload.file ? `${comparison.workload.name} (${comparison.workload.file})` : comparison.workload.name)
  const count = comparison.results.length
  const clock = first?.clock === 'virtual' ? ', simulated time' : ''
  return `Compared ${count} cell${count === 1 ? '' : 's'} of ${what}${where}${clock}; each cell is a full run.`
}

function table(comparison: Comparison, columns: readonly Column[], paint: Painter, labelWidth: number): string {
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
    rendered.push([wrapLabel(result.cell.label, labelWidth), ...figures])
  }
  return rendered.toString()
}

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => line.length))
}
