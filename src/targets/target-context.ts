import type {Clock} from '../time/clock.js'
import type {Workload} from '../workload/types.js'
import type {TargetOptions} from './target-options.js'

/** What a target is created with. */
export interface TargetContext {
  workload: Workload
  clock: Clock
  options: TargetOptions
  /** The part of a split run this target serves (its own latency draws); none for a whole run. */
  part?: {index: number}
}
