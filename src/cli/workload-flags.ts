import {Flags} from '@oclif/core'
import type {WorkloadOverrides} from '../workload/load-workload.js'

/** Flags that override the workload file; the loader validates them with the file's rules. */
export const workloadOverrideFlags = {
  operations: Flags.integer({description: 'Total operations, warm-up included (replaces load.duration). [default: the workload\'s load.operations]', helpGroup: 'LOAD'}),
  duration: Flags.string({description: 'Run for this long, e.g. 30s (replaces load.operations). [default: the workload\'s load.duration]', helpGroup: 'LOAD'}),
  concurrency: Flags.integer({char: 'c', description: 'Operations in flight at once (closed loop). [default: the workload\'s load.concurrency]', helpGroup: 'LOAD'}),
  rate: Flags.string({description: 'Open loop: start operations at this rate, e.g. 20k/s, whatever their latency. [default: the workload\'s load.rate, else closed loop]', helpGroup: 'LOAD'}),
  warmup: Flags.string({description: 'Warm-up excluded from all figures: a number of operations or a duration. [default: the workload\'s load.warmup]', helpGroup: 'LOAD'}),
  seed: Flags.integer({description: 'Seed of every random generator. [default: the workload\'s seed]', helpGroup: 'LOAD'}),
  threshold: Flags.string({
    description: 'Pass/fail criterion "<metric> <op> <value>", e.g. "read.p99 < 2ms"; repeatable, added to the file\'s.',
    multiple: true,
    // One value per --threshold, so `run --threshold "…" read-heavy` leaves the workload an argument.
    multipleNonGreedy: true,
    helpGroup: 'THRESHOLDS',
  }),
}

/** The flags carry the overrides' names, except that one `--threshold` flag is repeated. */
type OverrideFlagValues = Omit<WorkloadOverrides, 'thresholds'> & {threshold?: string[]}

export function overridesFromFlags(flags: OverrideFlagValues): WorkloadOverrides {
  const {operations, duration, concurrency, rate, warmup, seed, threshold} = flags
  return {operations, duration, concurrency, rate, warmup, seed, thresholds: threshold}
}
