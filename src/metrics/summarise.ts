import type {TargetStats} from '../targets/cache-target.js'
import type {LatencyName, LatencySummary, Summary} from './result.js'
import {LATENCY_NAMES} from './result.js'
import type {RunMetrics} from './run-metrics.js'
import {buildSummary, type CounterName, type StructureCounterName} from './summary-layout.js'

export interface SummaryInputs {
  metrics: RunMetrics
  durationMs: number
  /** Target counters when measurement began and when it ended. */
  statsBefore: TargetStats
  statsAfter: TargetStats
  originPeakConcurrency: number
}

/** Turns what a run counted into the contract's `summary` (docs/contracts.md, Result JSON), as SUMMARY_LAYOUT lays it out. */
export function summarise(inputs: SummaryInputs): Summary {
  const {metrics, statsBefore, statsAfter} = inputs
  const histograms = {staleness: metrics.staleness.summary(), originQueue: metrics.originQueue.summary()}
  const tallies = {originPeak: inputs.originPeakConcurrency, wastedWrites: metrics.wasted.wasted}
  return buildSummary((rule) => {
    switch (rule.role) {
      case 'count':
        return metrics.counters[rule.counter as CounterName]
      case 'structure':
        return metrics.structures[rule.counter as StructureCounterName]
      case 'errorKind':
        return metrics.errorsByKind[rule.kind]
      case 'tally':
        return tallies[rule.source]
      case 'serverDelta':
        return statsAfter[rule.stat] - statsBefore[rule.stat]
      case 'serverState':
        return statsAfter[rule.stat]
      case 'stat':
        return histograms[rule.histogram][rule.stat]
    }
  }, inputs.durationMs)
}

/** Latency summaries of every operation and step that ran at least once. */
export function summariseLatencies(metrics: RunMetrics): Partial<Record<LatencyName, LatencySummary>> {
  const latencies: Partial<Record<LatencyName, LatencySummary>> = {}
  for (const name of LATENCY_NAMES) {
    const histogram = metrics.latency[name]
    if (histogram.count > 0) latencies[name] = histogram.summary()
  }
  return latencies
}

/** Open loop: service times of the application-level operations that ran. */
export function summariseServiceTimes(metrics: RunMetrics): Partial<Record<'read' | 'write' | 'delete', LatencySummary>> {
  const times: Partial<Record<'read' | 'write' | 'delete', LatencySummary>> = {}
  for (const name of ['read', 'write', 'delete'] as const) {
    const histogram = metrics.serviceTime[name]
    if (histogram.count > 0) times[name] = histogram.summary()
  }
  return times
}
