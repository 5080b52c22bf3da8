import type {LatencySummary, MessagingSummary, Summary} from './result.js'
import {emptyStructureCounters} from './run-metrics.js'

/**
 * A summary with every field present. Typed as `Summary`, so adding a field to the result
 * type without adding it here fails to compile — which keeps the threshold metric list (derived
 * from this object) complete without a second hand-kept list.
 */
export function emptySummary(): Summary {
  return {
    operations: 0,
    throughput: 0,
    errors: 0,
    errorsByKind: {timeout: 0, connection: 0, server: 0},
    reads: 0,
    writes: 0,
    deletes: 0,
    hits: 0,
    misses: 0,
    hitRatio: 0,
    staleReads: 0,
    staleRatio: 0,
    stalenessMs: {p50: 0, p99: 0, max: 0, mean: 0},
    origin: {
      reads: 0,
      writes: 0,
      readsAvoided: 0,
      peakConcurrency: 0,
      duplicateReads: 0,
      refreshes: 0,
      writesCoalesced: 0,
      writesPending: 0,
      writesLost: 0,
      queuedMs: {p50: 0, p99: 0, max: 0},
    },
    cache: {sets: 0, deletes: 0, evictions: 0, expirations: 0, wastedWrites: 0, leaseWaits: 0, leaseSetsRefused: 0, items: 0, bytes: 0},
    structures: {...emptyStructureCounters(), hgetallHitRatio: 0},
  }
}

/** A latency summary with every statistic present (same purpose as `emptySummary`). */
export function emptyLatencySummary(): LatencySummary {
  return {count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, min: 0}
}

/** summary.messaging with every numeric field present, so thresholds can name them (messaging.lost, messaging.fanout.mean…). */
export function emptyMessagingSummary(): MessagingSummary {
  return {
    kind: 'pubsub',
    published: 0,
    publishErrors: 0,
    delivered: 0,
    duplicated: 0,
    lost: 0,
    missed: 0,
    expectedDeliveries: 0,
    deliveredPerSecond: 0,
    fanout: {mean: 0, max: 0},
    lag: {max: 0, final: 0},
    pending: 0,
    trimmedBeforeRead: 0,
    perReceiver: [],
  }
}
