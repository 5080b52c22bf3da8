import {findMetric} from '../metrics/metric-catalog.js'
import type {GateOutcome} from '../metrics/result.js'
import {parseChangeGate} from '../diff/change-gate.js'
import {parseThreshold} from '../metrics/thresholds.js'
import {formatDuration} from '../workload/units.js'
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

/** The metric a threshold expression names; empty when it no longer parses (written by another version). */
export function thresholdMetric(expression: string): string {
  try {
    return parseThreshold(expression).metric
  } catch {
    return ''
  }
}
