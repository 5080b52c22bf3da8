import {findMetric} from '../metrics/metric-catalog.js'
import type {GateOutcome} from '../metrics/result.js'
import {parseChangeGate} from '../diff/change-gate.js'
import {compare} from '../metrics/comparison.js'
import {parseThreshold, type Threshold} from '../metrics/thresholds.js'
import {formatDuration, parseDuration} from '../workload/units.js'
import {formatPercent, formatPlain, MISSING} from './format.js'

/** A metric's figure in its unit: `1.2ms`, `93.4%`, `35000`. */
export function formatMetric(metric: string, value: number | null): string {
  if (value === null) return MISSING
  const unit = findMetric(metric)?.unit
  if (unit === 'ms') return formatDuration(value)
  if (unit === 'ratio') return formatPercent(value)
  return formatPlain(value)
}

/** A difference in a metric's unit with its sign: `+0.4ms`, `-1.2 points`, `+120`. */
export function formatDifference(metric: string, change: number | null): string {
  if (change === null) return MISSING
  const sign = change > 0 ? '+' : change < 0 ? '-' : '±'
  const unit = findMetric(metric)?.unit
  const size = Math.abs(change)
  if (unit === 'ms') return `${sign}${formatDuration(size)}`
  if (unit === 'ratio') return `${sign}${formatPlain(size * 100)} points`
  return `${sign}${formatPlain(size)}`
}

/** A repeated gate's noise band, both sides' ranges of the metric: `1.1ms–1.3ms | 1.2ms–1.5ms`; empty without one. */
export function formatNoiseBand(gate: GateOutcome): string {
  if (!gate.noise) return ''
  const range = (values: readonly number[]): string => values.map((value) => formatMetric(gate.metric, value)).join('–')
  return `${range(gate.noise.base)} | ${range(gate.noise.actual)}`
}

/** A gate's change in its own terms: `+12.5%` for relative gates, else as `formatDifference`. */
export function formatGateChange(gate: GateOutcome): string {
  if (gate.change === null) return MISSING
  let relative = false
  try {
    relative = parseChangeGate(gate.expression).kind === 'relative'
  } catch {
    // Written by another version: show the plain difference.
  }
  if (!relative) return formatDifference(gate.metric, gate.change)
  if (!Number.isFinite(gate.change)) return gate.change > 0 ? '+∞%' : '-∞%'
  return `${gate.change >= 0 ? '+' : '-'}${formatPlain(Math.abs(gate.change) * 100)}%`
}

/** The most digits a threshold's actual figure gets beyond its usual rounding. */
const MAX_EXTRA_DIGITS = 12

/**
 * A threshold's actual figure, in its metric's unit (`ratios: 'plain'` shows ratios as
 * fractions, as the terminal does). Rounded as every other figure, it can read as meeting a bound
 * it missed: `hitRatio >= 0.76` failed at 0.75975, shown as `76%`; `read.p99 < 18.1ms` at
 * 18.104, shown as `18.1ms`. Digits are then added until the figure shown agrees with the
 * verdict and differs from the bound.
 */
export function formatThresholdActual(expression: string, actual: number, ratios: 'percent' | 'plain' = 'percent'): string {
  let threshold: Threshold
  try {
    threshold = parseThreshold(expression)
  } catch {
    return formatPlain(actual) // written by another version
  }
  const unit = findMetric(threshold.metric)?.unit
  const pass = compare(actual, threshold.op, threshold.value)
  let shown = shownFigure(unit, actual, 0, ratios)
  for (let extra = 1; extra <= MAX_EXTRA_DIGITS && misleads(shown.value, actual, threshold, pass); extra++) {
    shown = shownFigure(unit, actual, extra, ratios)
  }
  return shown.text
}

function misleads(shown: number, actual: number, threshold: Threshold, pass: boolean): boolean {
  if (compare(shown, threshold.op, threshold.value) !== pass) return true
  return compare(shown, '==', threshold.value) && !compare(actual, '==', threshold.value)
}

/** A figure as the reports round it (`extra` 0) or with `extra` more digits, and the value the text stands for. */
function shownFigure(unit: string | undefined, value: number, extra: number, ratios: 'percent' | 'plain'): {text: string; value: number} {
  if (!Number.isFinite(value)) return {text: String(value), value}
  if (unit === 'ms') {
    if (value === 0) return {text: '0', value}
    const text = formatDuration(value, extra)
    return {text, value: parseDuration(text)}
  }
  if (unit === 'ratio' && ratios === 'percent') {
    if (extra === 0) {
      const text = formatPercent(value)
      return {text, value: Number(text.slice(0, -1)) / 100}
    }
    const percent = Number((value * 100).toFixed(Math.min(20, 1 + extra)))
    return {text: `${percent}%`, value: percent / 100}
  }
  if (extra === 0) {
    const text = formatPlain(value)
    return {text, value: Number(text.replaceAll(',', ''))}
  }
  const rounded = Math.abs(value) >= 1000 ? Number(value.toFixed(Math.min(20, 1 + extra))) : Number(value.toPrecision(Math.min(21, 4 + extra)))
  const text = Math.abs(rounded) >= 1000 ? rounded.toLocaleString('en-US', {maximumFractionDigits: 20}) : String(rounded)
  return {text, value: rounded}
}
