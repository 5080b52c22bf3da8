import {InputError} from '../errors.js'
import {findMetric} from '../metrics/metric-catalog.js'
import {checkExpressionLength} from '../metrics/thresholds.js'
import {parseDuration} from '../workload/units.js'

/** A bound on how much a metric may move between a baseline and a new result. */
export interface ChangeGate {
  /** As written by the user; reported back unchanged. */
  expression: string
  metric: string
  /** Which way is worse: `up` for `>`/`>=` (latency growing), `down` for `<`/`<=` (hit ratio falling). */
  worse: 'up' | 'down'
  /** Whether reaching the limit exactly already fails (`>=`, `<=`). */
  inclusive: boolean
  /** `relative`: a fraction of the baseline (+10% is 0.1); `absolute`: in the metric's unit. */
  kind: 'relative' | 'absolute'
  limit: number
}

const EXPRESSION = /^\s*([A-Za-z][\w.]*)\s*(>=|<=|>|<)\s*([+-]?)\s*(\S.*?)\s*$/
const PERCENT = /^(\d+(?:\.\d*)?|\.\d+)\s*%$/
const NUMBER = /^(\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i

/** Refuses a malformed gate before any file is read or any run starts: the mistake is the user's to fix first. */
export function checkChangeGates(expressions: readonly string[]): void {
  for (const expression of expressions) parseChangeGate(expression)
}

/**
 * Parses `<metric> <op> <change>`: `read.p99 > +10%` fails when the p99 grew by more than 10% of
 * the baseline's; `hitRatio < -0.01` when the hit ratio fell by more than 0.01; `read.p50 > +2ms`
 * when the median grew by more than 2 ms.
 */
export function parseChangeGate(expression: string): ChangeGate {
  checkExpressionLength(expression, '--fail-on')
  const match = EXPRESSION.exec(expression)
  if (!match) {
    throw new InputError(`--fail-on "${expression}" is not of the form <metric> <op> <change>, e.g. "read.p99 > +10%" or "hitRatio < -0.01".`)
  }
  const [, metricText, op, sign, amountText] = match
  const metric = findMetric(metricText)
  if (!metric) throw new InputError(`--fail-on "${expression}" names unknown metric "${metricText}"; use a summary field such as hitRatio or a latency such as read.p99.`)
  const worse = op.startsWith('>') ? 'up' : 'down'
  const signValue = sign === '-' ? -1 : 1
  if (sign !== '' && (signValue > 0) !== (worse === 'up')) {
    throw new InputError(`--fail-on "${expression}": with "${op}" the change must be ${worse === 'up' ? 'an increase (+)' : 'a decrease (-)'}.`)
  }
  const percent = PERCENT.exec(amountText)
  const base = {expression, metric: metric.name, worse, inclusive: op.length === 2} as const
  if (percent) return {...base, kind: 'relative', limit: Number(percent[1]) / 100}
  // "1e400%" or "NaN%" is a percentage gone wrong, not a duration of a latency metric.
  if (amountText.trim().endsWith('%')) throw new InputError(`--fail-on "${expression}": "${amountText}" is not a percentage such as +10% (digits, then %).`)
  if (NUMBER.test(amountText)) return {...base, kind: 'absolute', limit: Number(amountText)}
  if (metric.unit === 'ms') return {...base, kind: 'absolute', limit: parseDuration(amountText, `--fail-on "${expression}": change`)}
  throw new InputError(`--fail-on "${expression}": "${amountText}" is neither a percentage (+10%) nor a number in ${metric.name}'s unit.`)
}

/** The change from base to next in the gate's terms: a fraction of base, or a plain difference. */
export function changeOf(gate: ChangeGate, base: number, next: number): number {
  if (gate.kind === 'absolute') return next - base
  if (base === 0) return next === 0 ? 0 : Math.sign(next) * Number.POSITIVE_INFINITY
  return (next - base) / Math.abs(base)
}

/** Whether a change in the gate's terms goes past its limit in the worse direction. */
export function exceedsLimit(gate: ChangeGate, change: number): boolean {
  const badward = gate.worse === 'up' ? change : -change
  return gate.inclusive ? badward >= gate.limit : badward > gate.limit
}
