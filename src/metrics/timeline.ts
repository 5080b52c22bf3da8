import {DurationHistogram} from './histogram.js'
import type {TimelineCounts, TimelinePoint} from './result.js'

export type {TimelinePoint} from './result.js'

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

  constructor(
    readonly intervalMs: number,
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
    const index = Math.floor((at - this.origin) / this.intervalMs)
    while (index > this.current) {
      this.close(this.intervalMs)
      this.current++
    }
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
