import {InputError} from '../errors.js'
import {truncate} from '../report/wrap.js'
import {suggestNearest} from '../workload/suggest.js'
import {isDuration, parseDuration} from '../workload/units.js'
import {COMPARISON_OPS, compare, type ComparisonOp} from './comparison.js'
import {
  canonicalMetricName,
  findMetric,
  metricNames,
  type MeasuredResult,
  type MetricDefinition,
} from './metric-catalog.js'
import {LATENCY_NAMES, type ThresholdOutcome} from './result.js'

export type {ComparisonOp} from './comparison.js'

export interface Threshold {
  /** As written by the user; reported back unchanged. */
  expression: string
  /** Canonical metric name (`read.p999` for `read.p99.9`). */
  metric: string
  op: ComparisonOp
  /** In the metric's unit: milliseconds for times, 0..1 for ratios. */
  value: number
}

// Longest operator first, and values never start with an operator character, so `<=` is never
// read as `<` followed by a value `=…` (also not by backtracking when the value is missing).
const OPERATOR_PATTERN = [...COMPARISON_OPS].sort((a, b) => b.length - a.length).join('|')
const EXPRESSION = new RegExp(`^\\s*([A-Za-z][\\w.]*)\\s*(${OPERATOR_PATTERN})\\s*([^\\s<>=!].*?)\\s*$`)
const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i
const PERCENTAGE = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/

/**
 * The longest metric name and value together come to a few dozen characters. A longer text is a
 * slip (a pasted file, a missing quote) whose parsing and suggestions would take seconds.
 */
const MAX_EXPRESSION_CHARS = 200

/** Refuses an expression too long to be one, quoting only its start. */
export function checkExpressionLength(expression: string, what: string): void {
  if (expression.length <= MAX_EXPRESSION_CHARS) return
  throw new InputError(
    `${what} "${truncate(expression, 40)}" is ${expression.length.toLocaleString('en-US')} characters long; an expression is at most ${MAX_EXPRESSION_CHARS}, e.g. "hitRatio >= 0.9".`,
  )
}

/** Parses `<metric> <op> <value>` without needing a result, so workloads can be checked at load time. */
export function parseThreshold(expression: string): Threshold {
  checkExpressionLength(expression, 'threshold')
  const match = EXPRESSION.exec(expression)
  if (!match) {
    throw new InputError(
      `threshold "${expression}" is not of the form <metric> <op> <value> with <op> one of ${COMPARISON_OPS.join(' ')}, e.g. "hitRatio >= 0.9".`,
    )
  }
  const [, metricText, op, valueText] = match
  const metric = findMetric(metricText)
  if (!metric) throw unknownMetric(metricText, `threshold "${expression}" names unknown`)
  return {expression, metric: metric.name, op: op as ComparisonOp, value: parseValue(expression, metric, valueText)}
}

/** The measured value of a metric in its unit, or null when the run did not measure it. */
export function metricValue(result: MeasuredResult, metric: string): number | null {
  const definition = findMetric(metric)
  if (!definition) throw unknownMetric(metric, 'unknown')
  return definition.read(result)
}

/** Evaluates every expression; an unmeasured metric fails, since a gate must not pass on missing data. */
export function evaluateThresholds(result: MeasuredResult, expressions: readonly string[]): ThresholdOutcome[] {
  return expressions.map((expression) => {
    const threshold = parseThreshold(expression)
    const actual = metricValue(result, threshold.metric)
    return {expression, actual, pass: actual !== null && compare(actual, threshold.op, threshold.value)}
  })
}

function parseValue(expression: string, metric: MetricDefinition, text: string): number {
  if (PLAIN_NUMBER.test(text)) return Number(text)
  const percentage = PERCENTAGE.exec(text)
  if (percentage) {
    if (metric.unit !== 'ratio') {
      throw new InputError(
        `threshold "${expression}": a percentage only applies to ratios (${ratioMetricNames().join(', ')}), and ${metric.name} is ${describeUnit(metric)}.`,
      )
    }
    return Number(percentage[1]) / 100
  }
  if (metric.unit === 'ms') return parseDuration(text, `threshold "${expression}": value`)
  if (isDuration(text)) {
    throw new InputError(`threshold "${expression}": "${text}" is a duration, but ${metric.name} is ${describeUnit(metric)}.`)
  }
  const example = metric.unit === 'ratio' ? '0.9 or 90%' : '1000'
  throw new InputError(`threshold "${expression}": "${text}" is not a number; write e.g. ${example}.`)
}

function describeUnit(metric: MetricDefinition): string {
  if (metric.unit === 'ms') return 'a time (write e.g. 2ms, 500us or 1s)'
  if (metric.unit === 'ratio') return 'a ratio (write e.g. 0.9 or 90%)'
  return 'a plain number'
}

function ratioMetricNames(): string[] {
  return metricNames().filter((name) => findMetric(name)?.unit === 'ratio')
}

function unknownMetric(metricText: string, lead: string): InputError {
  const canonical = canonicalMetricName(metricText)
  // A bare latency name is closer, by spelling, to some summary field than to its own statistics.
  const suggestion = (LATENCY_NAMES as readonly string[]).includes(canonical)
    ? `${canonical}.p99`
    : suggestNearest(canonical, metricNames())
  const hint = suggestion ? `did you mean "${suggestion}"?` : 'use a summary field such as hitRatio or a latency such as read.p99.'
  return new InputError(`${lead} metric "${metricText}"; ${hint}`)
}
