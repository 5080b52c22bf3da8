import {COLUMNS} from '../../compare/columns.js'
import {cellWarnings} from '../../compare/cell-warnings.js'
import type {Comparison} from '../../compare/comparison.js'
import {MISSING} from '../format.js'
import {fitMarkdown, markdownTable, markdownText} from '../markdown-table.js'
import type {Renderer} from '../renderer.js'

/** The comparison table (best cells in bold and starred, not by colour) and the verdict. */
export const comparisonMarkdownRenderer: Renderer<Comparison> = {
  name: 'markdown',
  render(comparison) {
    const rows = comparison.results.map((result, index) => [
      result.cell.label,
      ...COLUMNS.map((column) => {
        const value = column.value(result)
        if (value === null) return MISSING
        return comparison.best[column.id]?.includes(index) ? `**${column.format(value)}** *` : column.format(value)
      }),
    ])
    const parts = [
      `## cache-bench compare: ${markdownText(comparison.workload.name)}`,
      `${comparison.results.length} cells, each a full run on \`${comparison.results[0]?.target.url ?? 'builtin://'}\`. **bold \\*** = best in its column.`,
      markdownTable(['cell', ...COLUMNS.map((c) => c.head)], rows, ['left', ...COLUMNS.map(() => 'right' as const)]),
      '### Verdict',
      comparison.verdict.map((sentence) => `- ${sentence}`).join('\n'),
    ]
    const warnings = cellWarnings(comparison)
    if (warnings.length > 0) parts.push('### Warnings', warnings.map((sentence) => `- ${markdownText(sentence)}`).join('\n'))
    return fitMarkdown(`${parts.join('\n\n')}\n`)
  },
}
