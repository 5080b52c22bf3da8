import type {ZetaEntries} from '../../generators/zeta.js'
import type {Result} from '../../metrics/result.js'
import type {Workload} from '../../workload/types.js'
import type {ProgressSnapshot} from '../progress.js'
import type {RunOptions} from '../run-workload.js'
import type {RunPart} from '../partition.js'

/** What a worker thread is given: plain data only, since it crosses the thread boundary. */
export interface WorkerTask {
  workload: Workload
  options: Omit<RunOptions, 'afterLoad' | 'beforeLoad' | 'signal' | 'onProgress' | 'part'>
  part: RunPart
}

/** From the main thread: stop gracefully, as on Ctrl-C; or start the load, once every worker is ready. */
export interface StopMessage {
  type: 'stop' | 'go'
}

/** From the main thread, as the worker starts: the zipfian sums its key generator needs (see run-in-workers). */
export interface ConstantsMessage {
  type: 'constants'
  zetas: ZetaEntries
}

/** An error as it crosses the thread boundary, rebuilt on the other side with its exit code. */
export interface WorkerFailure {
  name: string
  message: string
  stack?: string
}

export type WorkerMessage =
  | {type: 'ready'}
  | {type: 'progress'; snapshot: ProgressSnapshot}
  | {type: 'result'; result: Result}
  | {type: 'error'; error: WorkerFailure}
