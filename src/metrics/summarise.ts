import type {TargetStats} from '../targets/cache-target.js'
import type {LatencyName, LatencySummary, Summary} from './result.js'
import {LATENCY_NAMES} from './result.js'
import type {RunMetrics} from './run-metrics.js'

export interface SummaryInputs {
  metrics: RunMetrics
  durationMs: number
  /** Target counters when measurement began and when it ended. */
  statsBefore: TargetStats
  statsAfter: TargetStats
  originPeakConcurrency: number
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole)

/** Turns what a run counted into the contract's `summary` (docs/contracts.md, Result JSON). */
export function summarise(inputs: SummaryInputs): Summary {
  const {metrics, durationMs, statsBefore, statsAfter} = inputs
  const c = metrics.counters
  const staleness = metrics.staleness.summary()
  const queued = metrics.originQueue.summary()
  return {
    operations: c.operations,
    throughput: durationMs > 0 ? (c.operations * 1000) / durationMs : 0,
    errors: c.errors,
    errorsByKind: {...metrics.errorsByKind},
    reads: c.reads,
    writes: c.writes,
    deletes: c.deletes,
    hits: c.hits,
    misses: c.misses,
    hitRatio: ratio(c.hits, c.hits + c.misses),
    staleReads: c.staleReads,
    staleRatio: ratio(c.staleReads, c.reads),
    stalenessMs: {p50: staleness.p50, p99: staleness.p99, max: staleness.max, mean: staleness.mean},
    origin: {
      reads: c.originReads,
      writes: c.originWrites,
      readsAvoided: c.reads === 0 ? 0 : 1 - c.originReads / c.reads,
      peakConcurrency: inputs.originPeakConcurrency,
      duplicateReads: c.duplicateOriginReads,
      refreshes: c.refreshes,
      writesCoalesced: c.writesCoalesced,
      writesPending: c.writesPending,
      writesLost: c.writesLost,
      queuedMs: {p50: queued.p50, p99: queued.p99, max: queued.max},
    },
    cache: {
      sets: c.cacheSets,
      deletes: c.cacheDeletes,
      evictions: statsAfter.evictions - statsBefore.evictions,
      expirations: statsAfter.expirations - statsBefore.expirations,
      wastedWrites: metrics.wasted.wasted,
      leaseWaits: c.leaseWaits,
      leaseSetsRefused: c.leaseSetsRefused,
      items: statsAfter.items,
      bytes: statsAfter.bytes,
    },
    structures: {...metrics.structures, hgetallHitRatio: ratio(metrics.structures.hgetallHits, metrics.structures.hgetall)},
  }
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
