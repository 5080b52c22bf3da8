import type {Result} from '../../metrics/result.js'
import {formatDuration} from '../../workload/units.js'
import {headlineFigures} from '../headline-figures.js'
import {gateMarkdown, latencyMarkdown, passMark, thresholdMarkdown} from '../markdown-sections.js'
import {fitMarkdown, markdownTable, markdownText} from '../markdown-table.js'
import {messagingFigures} from '../messaging-figures.js'
import type {Renderer} from '../renderer.js'

/** A run for a pull request or a step summary: headline figures, latencies, thresholds and gates. */
export const resultMarkdownRenderer: Renderer<Result> = {
  name: 'markdown',
  render(result) {
    const s = result.summary
    const verdict = overall(result)
    const headline = headlineFigures(result)
    const messaging = messagingFigures(result)
    const parts = [
      `## cache-bench: ${markdownText(result.workload.name)} — ${verdict}`,
      `\`${result.target.url}\` · ${result.strategy.name} · seed ${result.seed} · ${result.clock === 'virtual' ? 'simulated time' : 'wall clock'} · ${formatDuration(result.durationMs)} measured${result.complete ? '' : ' · **incomplete run**'}${result.repetitions ? ` · ${result.repetitions.length} repetitions` : ''}`,
      markdownTable(
        headline.map(([label]) => label),
        [headline.map(([, value]) => value)],
      ),
    ]
    if (messaging !== null) parts.push(`### Messaging (${s.messaging!.kind})`, markdownTable(['figure', 'value'], messaging, ['left', 'right']))
    parts.push('### Latency', latencyMarkdown(result))
    const thresholds = thresholdMarkdown(result.thresholds)
    if (thresholds) parts.push('### Thresholds', thresholds)
    const gates = gateMarkdown(result.gates ?? [])
    if (gates) parts.push('### Gates against the baseline', gates)
    if (result.warnings.length > 0) parts.push('### Warnings', result.warnings.map((w) => `- ${markdownText(w)}`).join('\n'))
    return fitMarkdown(`${parts.join('\n\n')}\n`)
  },
}

function overall(result: Result): string {
  const checks = [...result.thresholds, ...(result.gates ?? [])]
  if (!result.complete) return '❌ incomplete'
  if (checks.length === 0) return 'no thresholds'
  return passMark(checks.every((check) => check.pass))
}
