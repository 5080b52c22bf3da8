import type {DiffReport} from '../../diff/diff-report.js'
import {painter, type Paint} from '../colour.js'
import {formatDifference, formatGateChange, formatMetric, formatNoiseBand} from '../format-metric.js'
import {plainTable} from '../plain-table.js'
import type {Renderer} from '../renderer.js'
import {wrapText} from '../wrap.js'

const VERDICT_PAINT: Record<string, Paint> = {regressed: 'red', improved: 'green', inconclusive: 'yellow', unchanged: 'cyan', unmeasured: 'red'}

/** Heading, gates with verdicts (and the noise band when repeated), then every changed figure. */
export const diffTerminalRenderer: Renderer<DiffReport> = {
  name: 'terminal',
  render(diff, options) {
    const paint = painter(options.colour)
    const width = Math.max(40, options.width)
    const lines = [...wrapText(diffHeading(diff), width)]
    for (const note of diff.notes) lines.push(...wrapText(note, width, 2, '! '))
    if (diff.gates.length > 0) {
      const statistical = diff.mode === 'statistical'
      const head = ['gate', 'baseline', 'new', 'change', ...(statistical ? ['p', 'noise (base | new)'] : []), 'verdict']
      const table = plainTable({head: head.map((h) => paint('cyan', h)), colAligns: head.map((_, i) => (i === 0 || i === head.length - 1 ? 'left' : 'right'))})
      for (const g of diff.gates) {
        const noise = formatNoiseBand(g)
        const p = g.pValue === undefined ? '' : g.pValue.toPrecision(2)
        table.push([g.expression, formatMetric(g.metric, g.base), formatMetric(g.metric, g.actual), formatGateChange(g), ...(statistical ? [p, noise] : []), paint(VERDICT_PAINT[g.verdict], `${g.verdict}${g.pass ? '' : ' FAIL'}`)])
      }
      lines.push('', table.toString())
      const failed = diff.gates.filter((g) => !g.pass).length
      lines.push(`gates: ${diff.gates.length - failed} passed, ${failed} failed`)
    }
    lines.push('', diff.changes.length === 0 ? 'No figure changed.' : `${diff.changes.length} figure${diff.changes.length === 1 ? '' : 's'} changed${diff.mode === 'statistical' ? ' (medians)' : ''}:`)
    for (const c of diff.changes) {
      lines.push(`  ${c.metric}: ${formatMetric(c.metric, c.base)} → ${formatMetric(c.metric, c.actual)} (${formatDifference(c.metric, c.change)})`)
    }
    return `${lines.join('\n')}\n`
  },
}

export function diffHeading(diff: DiffReport): string {
  const side = (s: DiffReport['base']): string => `${s.file ?? 'this run'} (${s.repetitions} run${s.repetitions === 1 ? '' : 's'})`
  const repeatedSide = diff.base.repetitions > 1 || diff.new.repetitions > 1
  const mode = diff.mode === 'statistical' ? `medians judged with the Mann-Whitney U test at p < ${diff.significance}` : repeatedSide ? "one side's median against the other's single run, without the test" : 'figures compared exactly'
  return `Diff of ${diff.new.workload} on ${diff.new.target}: baseline ${side(diff.base)} vs new ${side(diff.new)}; ${mode}.${diff.mismatches.length > 0 ? ' MISMATCHED results, compared anyway.' : ''}`
}
