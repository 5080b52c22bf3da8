import {DurationHistogram} from './histogram.js'
import type {TimelineCounts, TimelinePoint} from './result.js'

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
  private operations = 0
  private reads = 0
  private hits = 0
  private staleReads = 0
  private errors = 0
  private originReads = 0
  private readonly readLatency = new DurationHistogram()

  /** True once intervals were widened to stay within MAX_TIMELINE_INTERVALS. */
  widened = false

  constructor(
    public intervalMs: number,
    private readonly origin: number,
  ) {}

  operation(at: number): void {
    this.advance(at)
    this.operations++
  }

  read(at: number, latencyMs: number, hit: boolean, stale: boolean): void {
    this.advance(at)
    this.reads++
    if (hit) this.hits++
    if (stale) this.staleReads++
    this.readLatency.record(latencyMs)
  }

  originRead(at: number): void {
    this.advance(at)
    this.originReads++
  }

  error(at: number): void {
    this.advance(at)
    this.errors++
  }

  /** Closes the open interval at `end`; call once when the run is over. */
  finish(end: number): TimelinePoint[] {
    this.close(Math.max(end - this.origin - this.current * this.intervalMs, 0))
    this.readLatency.destroy()
    return this.points
  }

  private advance(at: number): void {
    let index = Math.floor((at - this.origin) / this.intervalMs)
    while (index >= MAX_TIMELINE_INTERVALS) {
      this.widen()
      index = Math.floor((at - this.origin) / this.intervalMs)
    }
    while (index > this.current) {
      this.close(this.intervalMs)
      this.current++
    }
  }

  /** Doubles the interval: closed intervals are combined in pairs, an odd last one joins the open one. */
  private widen(): void {
    if (this.current % 2 === 1) {
      const point = this.points.pop() as TimelinePoint
      const counts = this.counts.pop() as TimelineCounts
      this.operations += point.operations
      this.errors += point.errors
      this.reads += counts.reads
      this.hits += counts.hits
      this.staleReads += counts.staleReads
      this.originReads += counts.originReads
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
    if (durationMs <= 0 && this.operations === 0) return
    const seconds = durationMs / 1000
    this.points.push({
      atMs: this.current * this.intervalMs,
      durationMs,
      operations: this.operations,
      throughput: seconds > 0 ? this.operations / seconds : 0,
      hitRatio: this.reads === 0 ? null : this.hits / this.reads,
      staleRatio: this.reads === 0 ? null : this.staleReads / this.reads,
      readP50: this.reads === 0 ? null : this.readLatency.percentile(50),
      readP99: this.reads === 0 ? null : this.readLatency.percentile(99),
      errors: this.errors,
      originReadsPerSecond: seconds > 0 ? this.originReads / seconds : 0,
    })
    this.counts.push({
      reads: this.reads,
      hits: this.hits,
      staleReads: this.staleReads,
      originReads: this.originReads,
      ...(this.reads > 0 ? {read: this.readLatency.encode()} : {}),
    })
    this.operations = 0
    this.reads = 0
    this.hits = 0
    this.staleReads = 0
    this.errors = 0
    this.originReads = 0
    this.readLatency.reset()
  }
}

/** Two consecutive intervals as one: counts summed, ratios and read percentiles recomputed. */
function combineIntervals(a: TimelinePoint, b: TimelinePoint, countsA: TimelineCounts, countsB: TimelineCounts): {point: TimelinePoint; counts: TimelineCounts} {
  const histogram = new DurationHistogram()
  for (const part of [countsA.read, countsB.read]) if (part) histogram.add(part)
  const reads = countsA.reads + countsB.reads
  const hits = countsA.hits + countsB.hits
  const staleReads = countsA.staleReads + countsB.staleReads
  const originReads = countsA.originReads + countsB.originReads
  const operations = a.operations + b.operations
  const durationMs = a.durationMs + b.durationMs
  const seconds = durationMs / 1000
  const point: TimelinePoint = {
    atMs: a.atMs,
    durationMs,
    operations,
    throughput: seconds > 0 ? operations / seconds : 0,
    hitRatio: reads === 0 ? null : hits / reads,
    staleRatio: reads === 0 ? null : staleReads / reads,
    readP50: reads === 0 ? null : histogram.percentile(50),
    readP99: reads === 0 ? null : histogram.percentile(99),
    errors: a.errors + b.errors,
    originReadsPerSecond: seconds > 0 ? originReads / seconds : 0,
  }
  const counts: TimelineCounts = {reads, hits, staleReads, originReads, ...(reads > 0 ? {read: histogram.encode()} : {})}
  histogram.destroy()
  return {point, counts}
}
