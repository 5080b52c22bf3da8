import type {LatencyName, LatencySummary, ResultHistograms, Summary} from '../metrics/result.js'
import {mergeSummaries} from './merge-summary.js'
import {mergeEncoded, mergeHistogramMaps} from './merged-histogram.js'

type ServiceTimeName = 'read' | 'write' | 'delete'

/** What the whole run and each phase report alike: a summary, latencies, service times. */
export interface Figures {
  summary: Summary
  histograms?: ResultHistograms
  serviceTimeMs?: Partial<Record<ServiceTimeName, LatencySummary>>
}

export interface MergedFigures {
  summary: Summary
  latencyMs: Partial<Record<LatencyName, LatencySummary>>
  serviceTimeMs?: Partial<Record<ServiceTimeName, LatencySummary>>
  /** Without the timeline, which only the whole run has. */
  histograms: Omit<ResultHistograms, 'timeline'>
}

/** The figures of parts that ran at the same time, over the longest part's span `durationMs`. */
export function mergeFigures(parts: readonly Figures[], ownEngines: boolean, durationMs: number): MergedFigures {
  const latency = mergeHistogramMaps<LatencyName>(parts.map((part) => part.histograms?.latency ?? {}))
  const serviceTime = mergeHistogramMaps<ServiceTimeName>(parts.map((part) => part.histograms?.serviceTime ?? {}))
  const staleness = mergeEncoded(parts.map((part) => part.histograms?.staleness))
  const queued = mergeEncoded(parts.map((part) => part.histograms?.originQueued))
  return {
    summary: mergeSummaries(
      parts.map((part) => part.summary),
      ownEngines,
      durationMs,
      {staleness: staleness?.summary, queued: queued?.summary},
    ),
    latencyMs: latency.summaries,
    ...(parts.some((part) => part.serviceTimeMs) ? {serviceTimeMs: serviceTime.summaries} : {}),
    histograms: {
      latency: latency.encoded,
      serviceTime: serviceTime.encoded,
      ...(staleness ? {staleness: staleness.encoded} : {}),
      ...(queued ? {originQueued: queued.encoded} : {}),
    },
  }
}
