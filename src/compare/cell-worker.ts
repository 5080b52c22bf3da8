import {parentPort, workerData} from 'node:worker_threads'
import type {Result} from '../metrics/result.js'
import {KeyTapes} from '../generators/key-tape.js'
import {runWorkload} from '../runner/run-workload.js'
import {serveTasks, type PoolData} from '../runner/workers/thread-pool.js'
import type {CellRuns} from './run-comparison.js'

/** One worker thread of `compare`: runs the cells it is dealt, each a full run on the built-in engine. */
if (parentPort === null) throw new Error('the comparison worker runs only as a worker thread')
// The cells draw the same keys: each thread draws them once.
const keyTapes = new KeyTapes()
serveTasks<CellRuns, Result>(parentPort, workerData as PoolData<CellRuns>, (runs, index) =>
  runWorkload(runs.workloads[index], {target: runs.target, targetOptions: runs.targetOptions, maxTimelineIntervals: runs.maxTimelineIntervals, keyTapes}),
)
