import {Flags} from '@oclif/core'
import {InputError} from '../errors.js'
import type {RunOptions} from '../runner/run-workload.js'
import {parseDuration} from '../workload/units.js'
import {parseShard} from './scale-flags.js'
import {targetOptionsFromFlags, type TargetFlagValues} from './target-flags.js'
import {pathFlag} from './path-flag.js'

/** `run`'s own flags: where the result goes and how the run is shown while it goes. */
export const runOutputFlags = {
  out: pathFlag({char: 'o', description: 'Also write the result JSON to this file (atomically).', helpValue: 'FILE'}),
  interval: Flags.string({description: 'Length of one timeline interval, e.g. 1s (the default) or 500ms.', helpValue: 'DURATION'}),
  progress: Flags.boolean({description: 'Show the live progress line even when stderr is not a terminal.'}),
}

/** The runner's options as `run`'s flags set them. */
export function runOptionsFromFlags(flags: TargetFlagValues & {target?: string; interval?: string; shard?: string}): RunOptions {
  return {
    target: flags.target,
    targetOptions: targetOptionsFromFlags(flags),
    intervalMs: flags.interval === undefined ? undefined : intervalOf(flags.interval),
    part: flags.shard === undefined ? undefined : parseShard(flags.shard),
  }
}

/** --interval as the flag gives it: a run's own check would not name the flag. */
function intervalOf(text: string): number {
  const ms = parseDuration(text, '--interval')
  if (!(ms > 0)) throw new InputError(`--interval must be a positive duration such as 1s or 500ms (got "${text}").`)
  return ms
}
