import type {Result} from '../metrics/result.js'
import {runWorkload, type RunOptions} from '../runner/run-workload.js'
import {runInWorkers} from '../runner/workers/run-in-workers.js'
import type {Workload} from '../workload/types.js'
import {keysLeftSentence, stopOnSignals, withServerPrefix} from './graceful-stop.js'
import {ProgressLine} from './progress-line.js'

/** A run as a person at a terminal sees it: a live progress line, and Ctrl-C that still yields a result. */
export async function runWithFeedback(workload: Workload, options: RunOptions, showProgress: boolean, workers = 1): Promise<Result> {
  const line = showProgress ? new ProgressLine(process.stderr) : undefined
  const onServer = withServerPrefix(options.target, options.targetOptions)
  if (onServer !== undefined) options = {...options, targetOptions: onServer}
  const stop = stopOnSignals(
    () => {
      line?.clear()
      process.stderr.write('Stopping: letting operations in flight finish (press Ctrl-C again to quit at once)…\n')
    },
    () => {
      line?.clear()
      process.stderr.write(keysLeftSentence(onServer) ?? '')
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
