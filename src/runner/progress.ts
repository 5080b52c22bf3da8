import type {RunMetrics} from '../metrics/run-metrics.js'
import type {Workload} from '../workload/types.js'
import type {Clock} from '../time/clock.js'

/** What a live display shows while a run goes on. */
export interface ProgressSnapshot {
  /** Run-clock ms since the start (simulated on the builtin target). */
  elapsedMs: number
  /** 0..1 of the planned operations or duration. */
  fraction: number
  operations: number
  throughput: number
  hitRatio: number | null
  readP99: number | null
}

export type ProgressListener = (snapshot: ProgressSnapshot) => void

const PROGRESS_EVERY_MS = 250

/**
 * Calls `listener` on a wall-clock timer while a run goes on. The timer is unref'd: it never
 * keeps a finished process alive. `traceRead`: a trace replay's share of its file read.
 */
export function reportProgress(listener: ProgressListener, workload: Workload, clock: Clock, metrics: RunMetrics, traceRead?: () => number): () => void {
  const {operations, durationMs, warmup} = workload.load
  const measuredOperations = operations === null ? null : operations - ('operations' in warmup ? warmup.operations : 0)
  const snapshot = (): ProgressSnapshot => {
    const c = metrics.counters
    const elapsedMs = clock.now()
    const planned = measuredOperations !== null ? c.operations / measuredOperations : elapsedMs / (durationMs as number)
    // A trace replayed whole has no length given: the share of it read so far tells how far the run is.
    const fraction = traceRead === undefined ? planned : workload.trace?.wholeTrace ? traceRead() : Math.max(planned, traceRead())
    const read = metrics.latency.read
    return {
      elapsedMs,
      fraction: Math.min(fraction, 1),
      operations: c.operations,
      throughput: elapsedMs > 0 ? (c.operations * 1000) / elapsedMs : 0,
      hitRatio: c.hits + c.misses === 0 ? null : c.hits / (c.hits + c.misses),
      readP99: read.count === 0 ? null : read.percentile(99),
    }
  }
  const timer = setInterval(() => listener(snapshot()), PROGRESS_EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
