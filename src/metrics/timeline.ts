import {DurationHistogram, type HistogramPart} from './histogram.js'
import type {EncodedHistogram, TimelineCounts, TimelinePoint} from './result.js'

export type {TimelinePoint} from './result.js'

/**
 * Most intervals a timeline keeps. A run longer than this many intervals has them widened
 * (doubled, adjacent pairs combined) as it goes, so a tiny --interval or a run of simulated
 * years cannot fill memory, the result file or the renderer.
 */
export const MAX_TIMELINE_INTERVALS = 10_000

/**
 * Most buckets a whole run's timeline keeps in snapshots (16 bytes each, so 32 MB); past this,
 * intervals keep their read histograms encoded, as a part's do (compressed, but costlier to take).
 */
const MAX_SNAPSHOT_BUCKETS = 2_000_000

/** The read percentiles each interval reports. */
const READ_PERCENTILES = [50, 99] as const

/**
 * Per-interval figures. An operation counts in the interval of its intended start (docs/contracts.md,
 * Timeline): in an open loop the time the schedule meant it to start, in a closed loop the time it
 * started. Binning by completion would put a burst of operations held up by a stall into the
 * interval where they came back, fast hits ahead of slow misses, so intervals far from the stall
 * would show hit ratios of operations that arrived elsewhere.
 *
 * Completions come back out of start order, so several intervals may be open at once: an
 * interval closes once no operation started in it is still in flight and starts have moved past
 * its end. `started` and `operation` bracket each operation; `read`, `originRead` and `error`
 * between them name the same intended start.
 */
export class Timeline {
  readonly points: TimelinePoint[] = []
  /** Beside each point, the exact counts and read histogram that let parts of a run be merged. */
  readonly counts: TimelineCounts[] = []
  /** Beside each point, its reads' histogram (none without reads): what widening combines. */
  private readonly readParts: Array<HistogramPart | undefined> = []
  /** Buckets held in snapshots so far (see MAX_SNAPSHOT_BUCKETS). */
  private snapshotBuckets = 0
  /** Intervals not yet closed: `open[i]` is interval `points.length + i`. */
  private readonly open: OpenInterval[] = []
  /** The latest intended start seen: no later operation starts before it. */
  private latestStart = -Infinity
  /**
   * The oldest open interval's reads, recorded as they come; a later open interval keeps its
   * reads as numbers until it is the oldest (on schedule, only those that complete before an
   * earlier interval's last operation), so memory follows how far completions lag starts.
   */
  private readonly readLatency = new DurationHistogram()

  /** True once intervals were widened to stay within `maxIntervals`. */
  widened = false

  constructor(
    public intervalMs: number,
    /** The intended start of the first measured operation: interval 0 begins here. */
    private readonly origin: number,
    /**
     * Whether the result carries each interval's read histogram (a part of a run, to be merged):
     * encoded as it closes. A whole run's result drops them, so it keeps snapshots, which cost a
     * scan of the counts instead of their compression, only in case widening combines intervals.
     */
    private readonly encodeReads = true,
    /** Most intervals this timeline keeps (fewer for each cell of a large comparison, whose results travel together). */
    readonly maxIntervals = MAX_TIMELINE_INTERVALS,
  ) {}

  /** A measured operation intended to start at `at` is under way. */
  started(at: number): void {
    const interval = this.intervalOf(at)
    interval.inFlight++
    if (at > this.latestStart) this.latestStart = at
    this.closeSettled()
  }

  /** The operation intended to start at `at` is over. */
  operation(at: number): void {
    const interval = this.intervalOf(at)
    interval.tally.operations++
    interval.inFlight--
    this.closeSettled()
  }

  read(at: number, latencyMs: number, hit: boolean, stale: boolean): void {
    const interval = this.intervalOf(at)
    const tally = interval.tally
    tally.reads++
    if (hit) tally.hits++
    if (stale) tally.staleReads++
    if (interval === this.open[0]) this.readLatency.record(latencyMs)
    else interval.readLatencies.push(latencyMs)
  }

  originRead(at: number): void {
    this.intervalOf(at).tally.originReads++
  }

  error(at: number): void {
    this.intervalOf(at).tally.errors++
  }

  /**
   * Closes the open intervals; call once when the run is over. `end` is where the span of starts
   * ended (an open loop: its schedule's end; a closed loop: the last completion), which bounds
   * the last interval's duration.
   */
  finish(end: number): TimelinePoint[] {
    while (this.open.length > 0) {
      const from = this.points.length * this.intervalMs
      this.close(Math.min(this.intervalMs, Math.max(end - this.origin - from, 0)))
    }
    this.readLatency.destroy()
    return this.points
  }

  /** The open interval holding `at`, opening the ones up to it; a start before every open interval joins the oldest. */
  private intervalOf(at: number): OpenInterval {
    let index = Math.floor((at - this.origin) / this.intervalMs)
    while (index >= this.maxIntervals) {
      this.widen()
      index = Math.floor((at - this.origin) / this.intervalMs)
    }
    const offset = Math.max(index - this.points.length, 0)
    while (this.open.length <= offset) this.open.push(emptyInterval())
    return this.open[offset]
  }

  /** Closes, oldest first, the intervals no operation can still add to. */
  private closeSettled(): void {
    const open = this.open
    // A later interval is open only once something started in it; else the latest start says
    // whether starts moved on (by the same division that places them).
    while (open.length > 0 && open[0].inFlight <= 0 && (open.length > 1 || Math.floor((this.latestStart - this.origin) / this.intervalMs) > this.points.length)) {
      this.close(this.intervalMs)
    }
  }

  /** Doubles the interval: adjacent pairs of intervals, closed or open, are combined (an odd last closed one reopens to pair with the first open one). */
  private widen(): void {
    // The oldest open interval's reads move with it: its position among the open ones may change.
    // Only ever added to another histogram of this run: a snapshot, not an encoding.
    if (this.open.length > 0 && this.readLatency.count > 0) this.open[0].carried.push(this.readLatency.snapshot())
    this.readLatency.reset()
    if (this.points.length % 2 === 1) {
      const point = this.points.pop() as TimelinePoint
      const counts = this.counts.pop() as TimelineCounts
      const read = this.readParts.pop()
      this.open.unshift({tally: tallyOf(point, counts), readLatencies: [], carried: read ? [read] : [], inFlight: 0})
    }
    const points = this.points.splice(0)
    const counts = this.counts.splice(0)
    const reads = this.readParts.splice(0)
    for (let index = 0; index + 1 < points.length; index += 2) {
      const tally = tallyOf(points[index], counts[index])
      addTally(tally, tallyOf(points[index + 1], counts[index + 1]))
      // A histogram only where there are reads: building one costs more than the rest of a widening.
      this.push(points[index].atMs, points[index].durationMs + points[index + 1].durationMs, tally, tally.reads > 0 ? this.mergedReads([reads[index], reads[index + 1]]) : undefined)
    }
    const open = this.open.splice(0)
    for (let index = 0; index < open.length; index += 2) this.open.push(index + 1 < open.length ? joinOpen(open[index], open[index + 1]) : open[index])
    this.intervalMs *= 2
    this.widened = true
  }

  /** Closes the oldest open interval, which lasted `durationMs`. */
  private close(durationMs: number): void {
    const {tally, readLatencies, carried} = this.open.shift() as OpenInterval
    const atMs = this.points.length * this.intervalMs
    const histogram = this.readLatency
    if (durationMs <= 0 && tally.operations === 0) {
      histogram.reset()
      return
    }
    for (const part of carried) histogram.add(part)
    for (const latency of readLatencies) histogram.record(latency)
    const read = tally.reads > 0 ? this.readsOf(histogram) : undefined
    histogram.reset()
    this.push(atMs, durationMs, tally, read)
  }

  /** A closed interval: its point, its exact counts, and its reads' histogram (in the counts too when encoded). */
  private push(atMs: number, durationMs: number, tally: IntervalTally, read: IntervalReads<HistogramPart> | undefined): void {
    const part = read?.encoded
    this.points.push(intervalPoint(atMs, durationMs, tally, read))
    this.counts.push(intervalCounts(tally, part !== undefined && 'hdr' in part ? part : undefined))
    this.readParts.push(part)
  }

  /** An interval's read percentiles, and its histogram encoded or kept as a snapshot (see `encodeReads`). */
  private readsOf(histogram: DurationHistogram): IntervalReads<HistogramPart> {
    if (!this.encodeReads && this.snapshotBuckets < MAX_SNAPSHOT_BUCKETS) {
      const taken = histogram.takeFromTally(READ_PERCENTILES)
      if (taken !== undefined) {
        this.snapshotBuckets += taken.snapshot.slots.length / 2
        return {p50: taken.values[0], p99: taken.values[1], encoded: taken.snapshot}
      }
    }
    const p50 = histogram.percentile(50)
    const p99 = histogram.percentile(99)
    if (this.encodeReads || this.snapshotBuckets >= MAX_SNAPSHOT_BUCKETS) return {p50, p99, encoded: histogram.encode()}
    const snapshot = histogram.snapshot()
    this.snapshotBuckets += snapshot.slots.length / 2
    return {p50, p99, encoded: snapshot}
  }

  private mergedReads(parts: ReadonlyArray<HistogramPart | undefined>): IntervalReads<HistogramPart> {
    const histogram = new DurationHistogram()
    for (const part of parts) if (part) histogram.add(part)
    const read = this.readsOf(histogram)
    histogram.destroy()
    return read
  }
}

/** An interval still open: its counts, its reads' latencies, and its operations still in flight. */
interface OpenInterval {
  tally: IntervalTally
  /** Kept as numbers until the interval closes: one histogram summarises each interval in turn. */
  readLatencies: number[]
  /** Reads of a closed interval reopened by widening. */
  carried: HistogramPart[]
  inFlight: number
}

function emptyInterval(): OpenInterval {
  return {tally: emptyTally(), readLatencies: [], carried: [], inFlight: 0}
}

function joinOpen(a: OpenInterval, b: OpenInterval): OpenInterval {
  addTally(a.tally, b.tally)
  for (const latency of b.readLatencies) a.readLatencies.push(latency)
  return {tally: a.tally, readLatencies: a.readLatencies, carried: [...a.carried, ...b.carried], inFlight: a.inFlight + b.inFlight}
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
export interface IntervalReads<Histogram = EncodedHistogram> {
  p50: number
  p99: number
  encoded: Histogram
}

/** The timeline point of one interval: ratios and rates recomputed from its counts. */
export function intervalPoint(atMs: number, durationMs: number, tally: IntervalTally, read: IntervalReads<HistogramPart> | undefined): TimelinePoint {
  const seconds = durationMs / 1000
  const {reads} = tally
  return {
    atMs,
    durationMs,
    operations: tally.operations,
    reads,
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
