import {LATENCY_NAMES, type EncodedHistogram, type LatencyName, type Result, type ResultHistograms} from './result.js'
import type {RunMetrics} from './run-metrics.js'

const SERVICE_TIME_NAMES = ['read', 'write', 'delete'] as const

/**
 * The run's histograms in mergeable form. Only histograms that hold values are written: an empty
 * one adds nothing to a merge, and most runs leave most operation kinds unused.
 */
export function encodeHistograms(metrics: RunMetrics): ResultHistograms {
  const latency: Partial<Record<LatencyName, EncodedHistogram>> = {}
  for (const name of LATENCY_NAMES) {
    if (metrics.latency[name].count > 0) latency[name] = metrics.latency[name].encode()
  }
  const serviceTime: ResultHistograms['serviceTime'] = {}
  for (const name of SERVICE_TIME_NAMES) {
    if (metrics.serviceTime[name].count > 0) serviceTime[name] = metrics.serviceTime[name].encode()
  }
  return {
    latency,
    serviceTime,
    ...(metrics.staleness.count > 0 ? {staleness: metrics.staleness.encode()} : {}),
    ...(metrics.originQueue.count > 0 ? {originQueued: metrics.originQueue.encode()} : {}),
    timeline: metrics.timeline?.counts ?? [],
  }
}

/**
 * A whole run is never merged again, so it keeps only the whole run's histograms and the
 * interval counts: each interval's and each phase's histograms take kilobytes, which a long
 * run's result would carry for nothing.
 */
export function withoutPartDetail(result: Result): Result {
  const {histograms, phases} = result
  return {
    ...result,
    ...(histograms ? {histograms: {...histograms, timeline: histograms.timeline.map(({read: _read, ...counts}) => counts)}} : {}),
    ...(phases ? {phases: phases.map(({histograms: _histograms, ...phase}) => phase)} : {}),
  }
}
