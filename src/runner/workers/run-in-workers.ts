import {availableParallelism} from 'node:os'
import type {Worker} from 'node:worker_threads'
import {InputError, TargetError} from '../../errors.js'
import {createKeyDistribution} from '../../generators/distributions.js'
import {createRandom, Stream} from '../../generators/random.js'
import {knownZetas, type ZetaEntries} from '../../generators/zeta.js'
import {mergeResults} from '../../merge/merge-results.js'
import {withoutPartDetail} from '../../metrics/encode-histograms.js'
import type {Result} from '../../metrics/result.js'
import {defaultTargetOptions} from '../../targets/target-options.js'
import {workloadDigest} from '../../workload/digest.js'
import type {Workload} from '../../workload/types.js'
import {checkMemoryFor} from '../memory-check.js'
import {checkPart} from '../part-workload.js'
import type {RunPart} from '../partition.js'
import type {ProgressSnapshot} from '../progress.js'
import {checkRunPrefix, type RunOptions} from '../run-workload.js'
import {combineProgress} from './combine-progress.js'
import {startWorker} from './start-worker.js'
import type {ConstantsMessage, WorkerFailure, WorkerMessage, WorkerTask} from './worker-messages.js'

const WHOLE: RunPart = {index: 0, count: 1}

/**
 * Runs the workload (or its part `options.part`) on `workers` threads. Worker j runs part
 * `index + count·j` of `count·workers` — the keys of the shard split once more — with its own
 * target connections and its share of the load, and the results are merged exactly. Aborting
 * `options.signal` stops every worker gracefully.
 */
export async function runInWorkers(workload: Workload, options: RunOptions, workers: number): Promise<Result> {
  checkWorkerCount(workers)
  const shard = options.part ?? WHOLE
  const partOf = (worker: number): RunPart => ({index: shard.index + shard.count * worker, count: shard.count * workers})
  checkPart(workload, partOf(0))
  checkMemoryFor(workload, workers)
  if (options.afterLoad) throw new Error('afterLoad cannot run in worker threads')
  // One key prefix for all workers, so the run's keys share one namespace on a real server.
  const targetOptions = {...options.targetOptions, keyPrefix: options.targetOptions?.keyPrefix ?? defaultTargetOptions().keyPrefix}
  if (!options.prefixChecked) await checkRunPrefix(workload, {...options, targetOptions})
  const shared: WorkerTask['options'] = {target: options.target, targetOptions, events: options.events, intervalMs: options.intervalMs, prefixChecked: true}
  const threads = Array.from({length: workers}, (_, worker) => startWorker({workload, options: shared, part: partOf(worker)}))
  handOverConstants(workload, threads)

  const snapshots: ProgressSnapshot[] = []
  const onProgress = options.onProgress
  const progress = (worker: number, snapshot: ProgressSnapshot): void => {
    snapshots[worker] = snapshot
    onProgress?.(combineProgress(snapshots.filter(Boolean), workload.load.operations !== null))
  }
  const stopAll = (): void => threads.forEach((thread) => thread.postMessage({type: 'stop'}))
  // Workers that are set up (or already finished, as a run without a load phase does) count as
  // ready; once all are, they start their schedules together.
  let ready = 0
  const onReady = (): void => {
    if (++ready === workers) threads.forEach((thread) => thread.postMessage({type: 'go'}))
  }
  options.signal?.addEventListener('abort', stopAll, {once: true})
  if (options.signal?.aborted) stopAll()
  try {
    const results = await Promise.all(threads.map((thread, worker) => resultOf(thread, worker, progress, onReady)))
    const merged = mergeResults(
      results.map((result, worker) => ({result, source: `worker ${worker + 1}`})),
      {
        goal: shard.count > 1 ? shard : undefined,
        label: (part) => `worker ${Math.floor((part.index - 1) / shard.count) + 1}/${workers}`,
      },
    )
    const {shards: _workersAsShards, ...result} = merged
    if (!options.part) return withoutPartDetail({...result, workers})
    return {...result, shard: {index: shard.index + 1, count: shard.count, workloadDigest: workloadDigest(workload)}, workers}
  } finally {
    options.signal?.removeEventListener('abort', stopAll)
    await Promise.all(threads.map((thread) => thread.terminate()))
  }
}

/**
 * A zipfian keyspace's normalising sum costs O(keys) (60 ms of a worker's start-up at 1M keys),
 * and each thread would compute it for itself. This thread is idle while the workers load their
 * modules, so it computes the sums the keyspace needs then and sends them; each worker waits for
 * them before it sets up its run.
 */
function handOverConstants(workload: Workload, threads: Worker[]): void {
  let zetas: ZetaEntries = []
  try {
    createKeyDistribution(workload.keyspace, createRandom(workload.seed, Stream.keys))
    zetas = knownZetas()
  } catch {
    // A keyspace this thread cannot set up fails in each worker too, with its own message.
  }
  const message: ConstantsMessage = {type: 'constants', zetas}
  for (const thread of threads) thread.postMessage(message)
}

/**
 * Each worker is a V8 isolate with its own copy of the run's state (tens of MB at least), and
 * threads beyond the cores only take turns on them: --workers 1000 once took 13.7 GB.
 */
const WORKERS_PER_CORE = 4
const MAX_WORKERS = 64

export function maxWorkers(): number {
  return Math.min(MAX_WORKERS, WORKERS_PER_CORE * availableParallelism())
}

function checkWorkerCount(workers: number): void {
  const limit = maxWorkers()
  if (workers > limit) {
    throw new InputError(
      `--workers ${workers} is more than this machine can run usefully: at most ${limit} (${WORKERS_PER_CORE} per CPU core, ${MAX_WORKERS} in all); each worker is a thread with its own copy of the run's state.`,
    )
  }
}

function resultOf(thread: Worker, worker: number, progress: (worker: number, snapshot: ProgressSnapshot) => void, onReady: () => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    let settled = false
    let ready = false
    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      if (!ready) onReady()
      outcome()
    }
    thread.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        ready = true
        onReady()
      } else if (message.type === 'progress') progress(worker, message.snapshot)
      else if (message.type === 'result') settle(() => resolve(message.result))
      else settle(() => reject(rebuildError(message.error)))
    })
    thread.on('error', (error) => settle(() => reject(error)))
    thread.on('exit', (code) => settle(() => reject(new TargetError(`worker ${worker + 1} stopped without a result (exit code ${code}).`))))
  })
}

/** The worker's error with its exit code, as if it had been thrown here. */
function rebuildError(failure: WorkerFailure): Error {
  const error =
    failure.name === 'InputError' ? new InputError(failure.message) : failure.name === 'TargetError' ? new TargetError(failure.message) : new Error(failure.message)
  if (failure.stack) error.stack = failure.stack
  return error
}
