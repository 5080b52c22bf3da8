import {DurationHistogram} from './histogram.js'
import type {EncodedHistogram, TimelineCounts, TimelinePoint} from './result.js'

export type {TimelinePoint} from './result.js'

/**
 * Most intervals a timeline keeps. A run longer than this many intervals has them widened
 * (doubled, adjacent pairs combined) as it goes, so a tiny --interval or a run of simulated
 * years cannot fill memory, the result file or the renderer.
 */
export const MAX_TIMELINE_INTERVALS = 10_000

/**
 * Per-interval figures, built as operations complete. Completions arrive in time order (exactly
 * so in simulated time), so one interval is open at a time and closed when a later completion
 * arrives; a straggler from a closed interval is counted in the open one.
 */
export class Timeline {
  readonly points: TimelinePoint[] = []
  /** Beside each point, the exact counts and read histogram that let parts of a run be merged. */
  readonly counts: TimelineCounts[] = []
  private current = 0
  /** The open interval's counts. */
  private readonly tally: IntervalTally = emptyTally()
  private readonly readLatency = new DurationHistogram()
  /**
   * Completions before this time fall in the open interval: it sits a hair below the interval's
   * end, so the comparison never disagrees with the division it saves (a hit costs no `floor`).
   */
  private openBelow = -Infinity

  /** True once intervals were widened to stay within MAX_TIMELINE_INTERVALS. */
  widened = false

  constructor(
    public intervalMs: number,
    private readonly origin: number,
  ) {}

  operation(at: number): void {
    this.advance(at)
    this.tally.operations++
  }

  read(at: number, latencyMs: number, hit: boolean, stale: boolean): void {
    this.advance(at)
    this.tally.reads++
    if (hit) this.tally.hits++
    if (stale) this.tally.staleReads++
    this.readLatency.record(latencyMs)
  }

  originRead(at: number): void {
    this.advance(at)
    this.tally.originReads++
  }

  error(at: number): void {
    this.advance(at)
    this.tally.errors++
  }

  /** Closes the open interval at `end`; call once when the run is over. */
  finish(end: number): TimelinePoint[] {
    this.close(Math.max(end - this.origin - this.current * this.intervalMs, 0))
    this.readLatency.destroy()
    return this.points
  }

  private advance(at: number): void {
    if (at < this.openBelow) return
    let index = Math.floor((at - this.origin) / this.intervalMs)
    while (index >= MAX_TIMELINE_INTERVALS) {
      this.widen()
      index = Math.floor((at - this.origin) / this.intervalMs)
    }
    while (index > this.current) {
      this.close(this.intervalMs)
      this.current++
    }
    const end = (this.current + 1) * this.intervalMs
    // Far wider than the rounding of (at − origin) / interval, far narrower than any interval.
    this.openBelow = this.origin + end - 1e-9 * (Math.abs(this.origin) + end)
  }

  /** Doubles the interval: closed intervals are combined in pairs, an odd last one joins the open one. */
  private widen(): void {
    if (this.current % 2 === 1) {
      const point = this.points.pop() as TimelinePoint
      const counts = this.counts.pop() as TimelineCounts
      addTally(this.tally, tallyOf(point, counts))
      if (counts.read) this.readLatency.add(counts.read)
    }
    const points = this.points.splice(0)
    const counts = this.counts.splice(0)
    for (let index = 0; index + 1 < points.length; index += 2) {
      const combined = combineIntervals(points[index], points[index + 1], counts[index], counts[index + 1])
      this.points.push(combined.point)
      this.counts.push(combined.counts)
    }
    this.intervalMs *= 2
    this.current = Math.floor(this.current / 2)
    this.widened = true
  }

  private close(durationMs: number): void {
    const tally = this.tally
    if (durationMs <= 0 && tally.operations === 0) return
    const measured = tally.reads > 0
    const read = measured ? {p50: this.readLatency.percentile(50), p99: this.readLatency.percentile(99), encoded: this.readLatency.encode()} : undefined
    this.points.push(intervalPoint(this.current * this.intervalMs, durationMs, tally, read))
    this.counts.push(intervalCounts(tally, read?.encoded))
    for (const name of INTERVAL_COUNTS) tally[name] = 0
    this.readLatency.reset()
  }
}

/** What one interval counts, declared once: the point's figures and the merge's exact counts derive from it. */
const INTERVAL_COUNTS = ['operations', 'errors', 'reads', 'hits', 'staleReads', 'originReads'] as const
export type IntervalTally = Record<(typeof INTERVAL_COUNTS)[number], number>

export function emptyTally(): IntervalTally {
  const tally = {} as IntervalTally
  for (const name of INTERVAL_COUNTS) tally[name] = 0
  return tally
}

/** An interval's counts from its point (operations, errors) and its exact counts (the rest). */
export function tallyOf(point: TimelinePoint, counts: TimelineCounts): IntervalTally {
  return {operations: point.operations, errors: point.errors, reads: counts.reads, hits: counts.hits, staleReads: counts.staleReads, originReads: counts.originReads}
}

export function addTally(into: IntervalTally, more: IntervalTally): void {
  for (const name of INTERVAL_COUNTS) into[name] += more[name]
}

/** Read percentiles of an interval and their histogram; absent when it had no reads. */
export interface IntervalReads {
  p50: number
  p99: number
  encoded: EncodedHistogram
}

/** The timeline point of one interval: ratios and rates recomputed from its counts. */
export function intervalPoint(atMs: number, durationMs: number, tally: IntervalTally, read: IntervalReads | undefined): TimelinePoint {
  const seconds = durationMs / 1000
  const {reads} = tally
  return {
    atMs,
    durationMs,
    operations: tally.operations,
    throughput: seconds > 0 ? tally.operations / seconds : 0,
    hitRatio: reads === 0 ? null : tally.hits / reads,
    staleRatio: reads === 0 ? null : tally.staleReads / reads,
    readP50: read?.p50 ?? null,
    readP99: read?.p99 ?? null,
    errors: tally.errors,
    originReadsPerSecond: seconds > 0 ? tally.originReads / seconds : 0,
  }
}

/** The exact counts kept beside an interval's point, so parts of a run merge exactly. */
export function intervalCounts(tally: IntervalTally, read: EncodedHistogram | undefined): TimelineCounts {
  return {reads: tally.reads, hits: tally.hits, staleReads: tally.staleReads, originReads: tally.originReads, ...(read ? {read} : {})}
}

/** Two consecutive intervals as one: counts summed, ratios and read percentiles recomputed. */
function combineIntervals(a: TimelinePoint, b: TimelinePoint, countsA: TimelineCounts, countsB: TimelineCounts): {point: TimelinePoint; counts: TimelineCounts} {
  const histogram = new DurationHistogram()
  for (const part of [countsA.read, countsB.read]) if (part) histogram.add(part)
  const tally = tallyOf(a, countsA)
  addTally(tally, tallyOf(b, countsB))
  const read = tally.reads > 0 ? {p50: histogram.percentile(50), p99: histogram.percentile(99), encoded: histogram.encode()} : undefined
  const point = intervalPoint(a.atMs, a.durationMs + b.durationMs, tally, read)
  const counts = intervalCounts(tally, read?.encoded)
  histogram.destroy()
  return {point, counts}
}
