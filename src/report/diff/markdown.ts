import type {DiffReport} from '../../diff/diff-report.js'
import {formatDifference, formatMetric} from '../format-metric.js'
import {gateMarkdown, passMark} from '../markdown-sections.js'
import {fitMarkdown, markdownTable, markdownText} from '../markdown-table.js'
import type {Renderer} from '../renderer.js'
import {diffHeading} from './terminal.js'

export const diffMarkdownRenderer: Renderer<DiffReport> = {
  name: 'markdown',
  render(diff) {
    const parts = [`## cache-bench diff: ${markdownText(diff.new.workload)} — ${diff.gates.length === 0 ? 'no gates' : passMark(diff.pass)}`, markdownText(diffHeading(diff))]
    if (diff.notes.length > 0) parts.push(diff.notes.map((n) => `> ${markdownText(n)}`).join('\n>\n'))
    const gates = gateMarkdown(diff.gates)
    if (gates) parts.push('### Gates', gates)
    parts.push('### Changed figures')
    parts.push(
      diff.changes.length === 0
        ? '_No figure changed._'
        : markdownTable(['metric', 'baseline', 'new', 'change'], diff.changes.map((c) => [`\`${c.metric}\``, formatMetric(c.metric, c.base), formatMetric(c.metric, c.actual), formatDifference(c.metric, c.change)]), ['left', 'right', 'right', 'right']),
    )
    return fitMarkdown(`${parts.join('\n\n')}\n`)
  },
}
