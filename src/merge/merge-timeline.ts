import type {Result, TimelineCounts} from '../metrics/result.js'
import {addTally, emptyTally, intervalCounts, intervalPoint, tallyOf, type TimelinePoint} from '../metrics/timeline.js'
import {withMerged} from './merged-histogram.js'

/**
 * Timelines of parts that ran at the same time, merged interval by interval (each part's
 * intervals count from its own start of measurement): counts summed, ratios recomputed from the
 * summed counts, read percentiles from the merged interval histograms. A part whose timeline
 * was widened less than another's (its span stayed within the most intervals a run keeps) has
 * its adjacent intervals combined to the widest part's interval first, as a run widens its own.
 */
export function mergeTimelines(results: readonly Result[]): {timeline: TimelinePoint[]; counts: TimelineCounts[]; intervalMs: number} {
  const intervalMs = Math.max(...results.map((result) => result.timelineIntervalMs))
  // Widening doubles an interval exactly, so each part's factor is a whole power of two (checked in merge-parts).
  const factors = results.map((result) => Math.round(intervalMs / result.timelineIntervalMs))
  const intervals = Math.max(0, ...results.map((result, part) => Math.ceil(result.timeline.length / factors[part])))
  const timeline: TimelinePoint[] = []
  const counts: TimelineCounts[] = []
  for (let index = 0; index < intervals; index++) {
    const tally = emptyTally()
    const reads: Array<TimelineCounts['read']> = []
    let atMs: number | undefined
    let durationMs = 0
    results.forEach((result, part) => {
      const first = index * factors[part]
      const points = result.timeline.slice(first, first + factors[part])
      if (points.length === 0) return
      atMs ??= points[0].atMs
      points.forEach((point, offset) => {
        const pointCounts = result.histograms?.timeline[first + offset] as TimelineCounts
        addTally(tally, tallyOf(point, pointCounts))
        reads.push(pointCounts.read)
      })
      durationMs = Math.max(durationMs, points.reduce((sum, point) => sum + point.durationMs, 0))
    })
    const read = withMerged(reads, (merged) => (merged.count === 0 ? undefined : {p50: merged.percentile(50), p99: merged.percentile(99), encoded: merged.encode()}))
    timeline.push(intervalPoint(atMs as number, durationMs, tally, read))
    counts.push(intervalCounts(tally, read?.encoded))
  }
  return {timeline, counts, intervalMs}
}
