import type {KeyTapes} from '../generators/key-tape.js'
import type {TargetOptions} from '../targets/target-options.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {SimulationEngine} from '../simulation/simulate-load.js'
import type {RunPart} from './partition.js'
import type {ProgressListener} from './progress.js'
import type {RunEvent} from './run-events.js'

export interface RunOptions {
  /** Target URL; the builtin engine when absent. */
  target?: string
  /** Connection and safety settings for real servers. */
  targetOptions?: Partial<TargetOptions>
  /** Called once the load has finished, before the run's keys are deleted: reads the target's final state. */
  afterLoad?: (target: CacheTarget) => Promise<void>
  /** Failures and pool changes at points of the run's clock, besides the workload's own `events:`. */
  events?: RunEvent[]
  /** Length of one timeline interval, in ms of the run's clock. */
  intervalMs?: number
  /** Most timeline intervals the result keeps, widening them past it (MAX_TIMELINE_INTERVALS when absent). */
  maxTimelineIntervals?: number
  /** Aborting stops starting operations; those in flight finish, and the result says `complete: false`. */
  signal?: AbortSignal
  /** Called a few times a second with figures so far, for a live display. */
  onProgress?: ProgressListener
  /** Called once set-up is over, just before the first operation starts. */
  onLoadStart?: () => void
  /** Awaited once set-up is over, before the schedule's zero is set (workers: all start their schedules together). */
  beforeLoad?: () => Promise<void>
  /** Run only this part of the workload's operation stream, with its share of the resources (`--shard`, `--workers`). */
  part?: RunPart
  /**
   * Internal, for tests: `async` runs a simulated load on the async path, the reference the
   * simulation core is checked against; `simulation` insists on the core. By default the core
   * runs whatever it can.
   */
  engine?: SimulationEngine
  /** Key streams recorded by earlier runs of this process, replayed instead of drawn again (a `compare` worker's cells). */
  keyTapes?: KeyTapes
  /** The key prefix was already found free on the server (workers: checked once, before any of them writes). */
  prefixChecked?: boolean
}
