import type {LoadSpec} from '../workload/types.js'

/** When the load stops and which operations count, in the run clock's milliseconds. */
export interface LoadPlan {
  concurrency: number
  /** Total operations including warm-up, or null for a timed run. */
  operations: number | null
  /** End of a timed run, or null for a counted run (a trace replay may have both: whichever comes first). */
  durationMs: number | null
  /** Operations with a sequence number below this are warm-up. */
  warmupOperations: number
  /** Operations started before this time are warm-up. */
  warmupMs: number
}

export function planLoad(load: LoadSpec): LoadPlan {
  return {
    concurrency: load.concurrency,
    operations: load.operations,
    durationMs: load.durationMs,
    warmupOperations: 'operations' in load.warmup ? load.warmup.operations : 0,
    warmupMs: 'durationMs' in load.warmup ? load.warmup.durationMs : 0,
  }
}
