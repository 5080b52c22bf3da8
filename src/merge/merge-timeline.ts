import type {Result, TimelineCounts} from '../metrics/result.js'
import {addTally, emptyTally, intervalCounts, intervalPoint, tallyOf, type TimelinePoint} from '../metrics/timeline.js'
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
    const tally = emptyTally()
    points.forEach((point, part) => addTally(tally, tallyOf(point, parts[part])))
    const read = withMerged(
      parts.map((part) => part.read),
      (merged) => (merged.count === 0 ? undefined : {p50: merged.percentile(50), p99: merged.percentile(99), encoded: merged.encode()}),
    )
    timeline.push(intervalPoint(points[0].atMs, Math.max(...points.map((point) => point.durationMs)), tally, read))
    counts.push(intervalCounts(tally, read?.encoded))
  }
  return {timeline, counts}
}
