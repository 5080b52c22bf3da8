import type {ThresholdOutcome} from '../metrics/result.js'
import type {Painter} from './colour.js'
import {formatThresholdActual} from './format-metric.js'
import {wrapText} from './wrap.js'

const VERDICT_WIDTH = 6

/** `PASS  hitRatio >= 0.9  (actual 0.934)` per threshold, then the tally; nothing without thresholds. */
export function thresholdLines(
  outcomes: readonly ThresholdOutcome[],
  width: number,
  paint: Painter,
): string[] {
  if (outcomes.length === 0) return []
  const lines: string[] = []
  for (const outcome of outcomes) {
    const verdict = outcome.pass ? 'PASS' : 'FAIL'
    const actual = outcome.actual === null ? 'not measured' : `actual ${formatThresholdActual(outcome.expression, outcome.actual, 'plain')}`
    const wrapped = wrapText(`${outcome.expression}  (${actual})`, width, VERDICT_WIDTH, verdict.padEnd(VERDICT_WIDTH))
    wrapped[0] = paint(outcome.pass ? 'green' : 'red', verdict) + wrapped[0].slice(verdict.length)
    lines.push(...wrapped)
  }
  const passed = outcomes.filter((outcome) => outcome.pass).length
  lines.push(`thresholds: ${passed} passed, ${outcomes.length - passed} failed`)
  return lines
}
