import type {LatencySummary, MessagingSummary, Summary} from './result.js'
import {buildSummary} from './summary-layout.js'

/**
 * A summary with every field present, at zero: SUMMARY_LAYOUT's figures, so the threshold metric
 * list (derived from this object) names every figure without a second hand-kept list.
 */
export function emptySummary(): Summary {
  return buildSummary(() => 0, 0)
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
    drained: null,
    perReceiver: [],
    groups: null,
  }
}
