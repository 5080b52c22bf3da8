import type {GateOutcome} from '../metrics/result.js'
import type {Painter} from './colour.js'
import {formatGateChange, formatMetric} from './format-metric.js'
import {wrapText} from './wrap.js'

const VERDICT_WIDTH = 6

/** `FAIL  read.p99 > +10%  (regressed: 1.2ms → 1.5ms, +25%)` per gate against the baseline, then the tally. */
export function gateLines(gates: readonly GateOutcome[], width: number, paint: Painter): string[] {
  if (gates.length === 0) return []
  const lines: string[] = []
  for (const gate of gates) {
    const verdict = gate.pass ? 'PASS' : 'FAIL'
    const figures = `${formatMetric(gate.metric, gate.base)} → ${formatMetric(gate.metric, gate.actual)}, ${formatGateChange(gate)}`
    const p = gate.pValue === undefined ? '' : `, p ${gate.pValue.toPrecision(2)}`
    const wrapped = wrapText(`${gate.expression}  (${gate.verdict}: ${figures}${p})`, width, VERDICT_WIDTH, verdict.padEnd(VERDICT_WIDTH))
    wrapped[0] = paint(gate.pass ? 'green' : 'red', verdict) + wrapped[0].slice(verdict.length)
    lines.push(...wrapped)
  }
  const passed = gates.filter((gate) => gate.pass).length
  lines.push(`gates against the baseline: ${passed} passed, ${gates.length - passed} failed`)
  return lines
}
