import type {GateOutcome, Result, ThresholdOutcome} from '../metrics/result.js'
import {formatGateChange, formatMetric, formatThresholdActual} from './format-metric.js'
import type {JUnitCase} from './junit-xml.js'

export function thresholdCases(thresholds: readonly ThresholdOutcome[], classname: string): JUnitCase[] {
  return thresholds.map((t) => {
    if (t.pass) return {name: t.expression, classname}
    const actual = t.actual === null ? 'not measured' : formatThresholdActual(t.expression, t.actual)
    return {name: t.expression, classname, failure: {message: `${t.expression}: actual ${actual}`, detail: `expected ${t.expression}\nactual ${actual}`}}
  })
}

export function gateCases(gates: readonly GateOutcome[], classname: string): JUnitCase[] {
  return gates.map((g) => {
    if (g.pass) return {name: g.expression, classname}
    const figures = `baseline ${formatMetric(g.metric, g.base)}, new ${formatMetric(g.metric, g.actual)}, change ${formatGateChange(g)}`
    const p = g.pValue === undefined ? '' : `\np-value ${g.pValue.toPrecision(2)}`
    return {name: g.expression, classname, failure: {message: `${g.expression}: ${g.verdict} (${figures})`, detail: `expected ${g.expression} not to hold\n${figures}${p}`}}
  })
}

/** The run itself as a case, so a run without thresholds still reports, and an aborted run fails. */
export function completionCase(result: Pick<Result, 'complete' | 'workload'>, classname: string): JUnitCase {
  const name = `${result.workload.name} ran to completion`
  return result.complete ? {name, classname} : {name, classname, failure: {message: 'the run was interrupted', detail: 'expected a complete run\nactual: interrupted (complete: false)'}}
}
