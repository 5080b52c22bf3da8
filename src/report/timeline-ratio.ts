import type {TimelinePoint} from '../metrics/timeline.js'

/**
 * An interval's hit or stale ratio is left out of the charts below this many reads: a single
 * read shows 0% or 100%, and the binomial standard error √(p(1 − p)/n) is still up to 0.11 at 20
 * reads, while a full interval of a busy run has thousands. Its count stays in the result.
 */
export const MIN_READS_FOR_RATIO = 20

/** `ratio` where the interval had reads enough for it, else null; a point without a read count (an older result) keeps it. */
export function shownRatio(point: TimelinePoint, ratio: number | null): number | null {
  return ratio !== null && point.reads !== undefined && point.reads < MIN_READS_FOR_RATIO ? null : ratio
}

/** How many intervals had reads, but too few for their ratios to be drawn. */
export function sparseIntervals(points: readonly TimelinePoint[]): number {
  return points.filter((point) => point.hitRatio !== null && shownRatio(point, point.hitRatio) === null).length
}

/** The sentence that says why some intervals' ratios are blank; empty when none are. */
export function sparseNote(points: readonly TimelinePoint[]): string {
  const sparse = sparseIntervals(points)
  if (sparse === 0) return ''
  return `${sparse === 1 ? '1 interval' : `${sparse} intervals`} with fewer than ${MIN_READS_FOR_RATIO} reads: ratios left blank`
}
