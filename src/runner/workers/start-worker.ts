import type {Worker} from 'node:worker_threads'
import {startWorkerBeside} from '../../threads/worker-beside.js'
import type {WorkerTask} from './worker-messages.js'

/** Starts a worker thread on the run's worker entry beside this module. */
export function startWorker(task: WorkerTask): Worker {
  return startWorkerBeside(import.meta.url, './worker-entry', task)
}
