import type {EncodedHistogram, Result, TimelineCounts} from '../metrics/result.js'
import type {TimelinePoint} from '../metrics/timeline.js'
import {withMerged} from './merged-histogram.js'

/**
 * Timelines of parts that ran at the same time, merged interval by interval (each part's
 * intervals count from its own start of measurement): counts summed, ratios recomputed from the
 * summed counts, read percentiles from the merged interval histograms.
 */
export function mergeTimelines(results: readonly Result[]): {timeline: TimelinePoint[]; counts: TimelineCounts[]} {
  const intervals = Math.max(0, ...results.map((result) => result.timeline.length))
  const timeline: TimelinePoint[] = []
  const counts: TimelineCounts[] = []
  for (let index = 0; index < intervals; index++) {
    const present = results.filter((result) => index < result.timeline.length)
    const points = present.map((result) => result.timeline[index])
    const parts = present.map((result) => result.histograms?.timeline[index] as TimelineCounts)
    const sum = (read: (counts: TimelineCounts) => number): number => parts.reduce((total, part) => total + read(part), 0)
    const reads = sum((part) => part.reads)
    const hits = sum((part) => part.hits)
    const staleReads = sum((part) => part.staleReads)
    const originReads = sum((part) => part.originReads)
    const operations = points.reduce((total, point) => total + point.operations, 0)
    const durationMs = Math.max(...points.map((point) => point.durationMs))
    const seconds = durationMs / 1000
    const read = withMerged(
      parts.map((part) => part.read),
      (merged) => (merged.count === 0 ? undefined : {p50: merged.percentile(50), p99: merged.percentile(99), encoded: merged.encode()}),
    )
    timeline.push({
      atMs: points[0].atMs,
      durationMs,
      operations,
      throughput: seconds > 0 ? operations / seconds : 0,
      hitRatio: reads === 0 ? null : hits / reads,
      staleRatio: reads === 0 ? null : staleReads / reads,
      readP50: read?.p50 ?? null,
      readP99: read?.p99 ?? null,
      errors: points.reduce((total, point) => total + point.errors, 0),
      originReadsPerSecond: seconds > 0 ? originReads / seconds : 0,
    })
    counts.push({reads, hits, staleReads, originReads, ...(read ? {read: read.encoded as EncodedHistogram} : {})})
  }
  return {timeline, counts}
}
