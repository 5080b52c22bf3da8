import {Flags} from '@oclif/core'
import {InputError} from '../errors.js'
import {isBuiltinTarget} from '../targets/target-registry.js'

/** Gates on change against a baseline result, shared by `run` and `diff`. */
export const gateFlags = {
  'fail-on': Flags.string({
    description: 'A gate on the change from the baseline: "<metric> <op> <change>", e.g. "read.p99 > +10%", "hitRatio < -0.01", "read.p50 > +2ms". Repeatable.',
    helpValue: 'GATE',
    multiple: true,
    helpGroup: 'GATES',
  }),
  'allow-mismatch': Flags.boolean({
    description: 'Compare results of different workloads, seeds, targets or strategies anyway (the report says so).',
    helpGroup: 'GATES',
  }),
}

export const baselineFlags = {
  baseline: Flags.file({description: 'A result file (run --out) to diff this run against; the --fail-on gates decide the exit code.', helpValue: 'FILE', helpGroup: 'GATES'}),
  repeat: Flags.integer({description: "Run the workload N times and record every run's figures, so diff can tell a change from noise.", min: 1, max: 100, default: 1, helpValue: 'N', helpGroup: 'GATES'}),
  'repeat-into': Flags.string({
    description: 'Add this run as one more repetition of the result in FILE (created if missing), so a baseline\'s runs and a change\'s can alternate.',
    helpValue: 'FILE',
    helpGroup: 'GATES',
  }),
  ...gateFlags,
}

/**
 * Refuses `--repeat N` that could not get past its first run: with --keep-keys the first run's
 * keys stay under the --key-prefix given, and each later run (like any run) refuses a prefix that
 * already holds keys, after the first had already run.
 */
export function checkRepeatKeepsKeys(flags: {repeat: number; target?: string; 'keep-keys'?: boolean; 'key-prefix'?: string}): void {
  if (!isBuiltinTarget(flags.target) && flags.repeat > 1 && flags['keep-keys'] && flags['key-prefix'] !== undefined) {
    throw new InputError(
      `--repeat ${flags.repeat} with --keep-keys and --key-prefix "${flags['key-prefix']}": the first run's keys would stay under the prefix each later run must find empty; drop --keep-keys, or leave --key-prefix out so each run takes a prefix of its own.`,
    )
  }
}
