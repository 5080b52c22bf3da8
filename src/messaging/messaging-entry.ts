import {InputError} from '../errors.js'
import type {Result} from '../metrics/result.js'
import type {Workload} from '../workload/types.js'
import {runMessaging, type MessagingRunOptions} from './run-messaging.js'

/** What `run` passes; the cache-only options are refused by name. */
type RunOptionsSeen = MessagingRunOptions & {part?: unknown; events?: readonly unknown[]}

/** `run` on a messaging workload: the options that apply to one, and a clear refusal of those that do not. */
export function runMessagingWorkload(workload: Workload, options: RunOptionsSeen): Promise<Result> {
  if (options.part) throw new InputError('A messaging workload runs as one process; it cannot be split with --shard or --workers.')
  if (options.events?.length) throw new InputError('A messaging workload has only disconnect events; cache events cannot be added to it.')
  return runMessaging(workload, {
    target: options.target,
    targetOptions: options.targetOptions,
    intervalMs: options.intervalMs,
    signal: options.signal,
    onLoadStart: options.onLoadStart,
  })
}
