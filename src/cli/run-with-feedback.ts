import type {Result} from '../metrics/result.js'
import {defaultTargetOptions} from '../targets/target-options.js'
import {resolveTargetKind} from '../targets/target-registry.js'
import {runWorkload, type RunOptions} from '../runner/run-workload.js'
import {runInWorkers} from '../runner/workers/run-in-workers.js'
import type {Workload} from '../workload/types.js'
import {stopOnSignals} from './graceful-stop.js'
import {ProgressLine} from './progress-line.js'

/** A run as a person at a terminal sees it: a live progress line, and Ctrl-C that still yields a result. */
export async function runWithFeedback(workload: Workload, options: RunOptions, showProgress: boolean, workers = 1): Promise<Result> {
  const line = showProgress ? new ProgressLine(process.stderr) : undefined
  // On a server, the run's keys are named now rather than inside the run, so that quitting at
  // once can say which keys it leaves behind (they are deleted only at the end of a run).
  const keyPrefix = onServer(options.target) ? (options.targetOptions?.keyPrefix ?? defaultTargetOptions().keyPrefix) : undefined
  if (keyPrefix !== undefined) options = {...options, targetOptions: {...options.targetOptions, keyPrefix}}
  const stop = stopOnSignals(
    () => {
      line?.clear()
      process.stderr.write('Stopping: letting operations in flight finish (press Ctrl-C again to quit at once)…\n')
    },
    () => {
      line?.clear()
      if (keyPrefix === undefined || options.targetOptions?.keepKeys) return
      process.stderr.write(`Quit at once: the keys this run wrote under "${keyPrefix}" are left on the server, and no result was written.\n`)
    },
  )
  // In one thread, set-up (per-key state for millions of keys) runs without a break, so a handler
  // could not run: until the load starts, Ctrl-C keeps its default and ends the process at once.
  // Worker threads do their set-up elsewhere, so the main thread listens from the start.
  if (workers === 1) stop.pause()
  try {
    const withFeedback: RunOptions = {
      ...options,
      signal: stop.signal,
      onProgress: line ? (snapshot) => line.draw(snapshot) : undefined,
      onLoadStart: () => stop.resume(),
    }
    return await (workers > 1 ? runInWorkers(workload, withFeedback, workers) : runWorkload(workload, withFeedback))
  } finally {
    line?.clear()
    stop.dispose()
  }
}

/** Whether the run's commands go to a real server, whose keys outlive the process. */
function onServer(target: string | undefined): boolean {
  return target !== undefined && resolveTargetKind(target).kind.clock === 'real'
}
