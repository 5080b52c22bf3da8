import {LATENCY_NAMES, type GateOutcome, type Result, type ThresholdOutcome} from '../metrics/result.js'
import {formatDuration} from '../workload/units.js'
import {formatCount, MISSING} from './format.js'
import {formatGateChange, formatMetric, formatThresholdActual} from './format-metric.js'
import {markdownTable} from './markdown-table.js'

const STATS = ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const

/** Words as well as a mark, so the verdict never rests on colour or emoji alone. */
export function passMark(pass: boolean): string {
  return pass ? '✅ pass' : '❌ FAIL'
}

export function latencyMarkdown(result: Pick<Result, 'latencyMs'>): string {
  const rows = LATENCY_NAMES.flatMap((name) => {
    const latency = result.latencyMs[name]
    if (!latency || latency.count <= 0) return []
    return [[`\`${name}\``, formatCount(latency.count), ...STATS.map((stat) => formatDuration(latency[stat]))]]
  })
  if (rows.length === 0) return '_no latencies measured_'
  return markdownTable(['latency', 'count', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max'], rows, ['left', ...Array<'right'>(7).fill('right')])
}

export function thresholdMarkdown(thresholds: readonly ThresholdOutcome[]): string | null {
  if (thresholds.length === 0) return null
  const rows = thresholds.map((t) => [`\`${t.expression}\``, t.actual === null ? MISSING : formatThresholdActual(t.expression, t.actual), passMark(t.pass)])
  return markdownTable(['threshold', 'actual', 'result'], rows)
}

export function gateMarkdown(gates: readonly GateOutcome[]): string | null {
  if (gates.length === 0) return null
  const rows = gates.map((g) => [
    `\`${g.expression}\``,
    formatMetric(g.metric, g.base),
    formatMetric(g.metric, g.actual),
    formatGateChange(g),
    g.pValue === undefined ? '' : g.pValue.toPrecision(2),
    `${g.verdict} (${g.pass ? 'pass' : 'FAIL'})`,
  ])
  return markdownTable(['gate', 'baseline', 'new', 'change', 'p', 'verdict'], rows)
}
