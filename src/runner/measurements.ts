import type {CommandPath} from './callback-runner.js'
import type {EventLoopDelay} from '../metrics/event-loop-monitor.js'
import type {PhaseResult} from '../metrics/result.js'
import type {TargetStats} from '../targets/cache-target.js'
import type {LoadDriveOutcome} from './drive-load.js'
import type {EventRecord} from './run-events.js'

/** What executing a plan measured, besides the RunMetrics its operations recorded into: the result is built from these. */
export interface Measurements {
  startedAt: Date
  /** Wall-clock time spent preparing before the load could start. */
  setupMs: number
  outcome: LoadDriveOutcome
  /** The target's counters when measurement began and when the load ended. */
  statsBefore: TargetStats
  statsAfter: TargetStats
  /** Most origin queries in flight and queued at once in the measured span. */
  originPeak: number
  phases: PhaseResult[] | undefined
  eventLog: EventRecord[]
  eventLoopDelay: EventLoopDelay | undefined
  keysDeleted: number
  /** Real targets: how the operations sent their cache commands (see CallbackCommands). */
  commands?: CommandPath
  /** What the reader should know from set-up and clean-up. */
  warnings: string[]
}
