import {findMetric} from '../metrics/metric-catalog.js'
import type {ThresholdOutcome} from '../metrics/result.js'
import {parseThreshold} from '../metrics/thresholds.js'
import {formatDuration} from '../workload/units.js'
import type {Painter} from './colour.js'
import {formatPlain} from './format.js'
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
    const actual = outcome.actual === null ? 'not measured' : `actual ${formatActual(outcome.expression, outcome.actual)}`
    const wrapped = wrapText(`${outcome.expression}  (${actual})`, width, VERDICT_WIDTH, verdict.padEnd(VERDICT_WIDTH))
    wrapped[0] = paint(outcome.pass ? 'green' : 'red', verdict) + wrapped[0].slice(verdict.length)
    lines.push(...wrapped)
  }
  const passed = outcomes.filter((outcome) => outcome.pass).length
  lines.push(`thresholds: ${passed} passed, ${outcomes.length - passed} failed`)
  return lines
}

/** Times read best with their unit; the expression may be from another version, so fall back to a plain number. */
function formatActual(expression: string, actual: number): string {
  let unit: string | undefined
  try {
    unit = findMetric(parseThreshold(expression).metric)?.unit
  } catch {
    unit = undefined
  }
  return unit === 'ms' ? formatDuration(actual) : formatPlain(actual)
}
