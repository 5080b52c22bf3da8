import {InputError} from '../errors.js'
import type {Clock} from '../time/clock.js'
import type {LoadSpec} from '../workload/types.js'
import {StopFlag} from './stop-flag.js'

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
  /** A trace replay: its source has run out, whatever `operations` says (the trace's length is known only at its end). */
  sourceEnded?: () => boolean
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

/** A timed run whose operations take no simulated time would never end; stop it after this many. */
const MAX_OPERATIONS_WITHOUT_TIME_PASSING = 1_000_000

/**
 * Whether a closed loop may start another operation, given how many of the whole run's stream
 * have been drawn: not once stopped, the count reached or the duration over.
 */
export function createIssueCheck(plan: LoadPlan, clock: Clock, stop?: AbortSignal): (drawn: number) => boolean {
  const check = countOrTimeCheck(plan, clock, stop)
  const ended = plan.sourceEnded
  // Only a trace's loop asks its source: a synthetic run's check stays as it was.
  return ended === undefined ? check : (drawn) => !ended() && check(drawn)
}

function countOrTimeCheck(plan: LoadPlan, clock: Clock, stop?: AbortSignal): (drawn: number) => boolean {
  let lastTime = -1
  let operationsAtLastTime = 0
  const stopFlag = new StopFlag(stop)
  return (drawn) => {
    if (stopFlag.stopped) return false
    // A trace replay has both: its length, and a duration that may cut it short.
    if (plan.operations !== null && (drawn >= plan.operations || plan.durationMs === null)) return drawn < plan.operations
    const now = clock.now()
    if (now !== lastTime) {
      lastTime = now
      operationsAtLastTime = drawn
    } else if (drawn - operationsAtLastTime > MAX_OPERATIONS_WITHOUT_TIME_PASSING) {
      throw new InputError(
        'load.duration cannot elapse because no operation takes any simulated time; give origin.latency or cache.latency a non-zero value, or use load.operations.',
      )
    }
    return now < (plan.durationMs as number)
  }
}
