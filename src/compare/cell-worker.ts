import {parentPort, workerData} from 'node:worker_threads'
import type {Result} from '../metrics/result.js'
import {runWorkload} from '../runner/run-workload.js'
import {serveTasks, type PoolData} from '../runner/workers/thread-pool.js'
import type {CellRuns} from './run-comparison.js'

/** One worker thread of `compare`: runs the cells it is dealt, each a full run on the built-in engine. */
if (parentPort === null) throw new Error('the comparison worker runs only as a worker thread')
serveTasks<CellRuns, Result>(parentPort, workerData as PoolData<CellRuns>, (runs, index) =>
  runWorkload(runs.workloads[index], {target: runs.target, targetOptions: runs.targetOptions, maxTimelineIntervals: runs.maxTimelineIntervals}),
)
