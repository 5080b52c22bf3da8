import {Flags} from '@oclif/core'
import {workloadOverrideFlags} from './workload-flags.js'

const {operations, duration, warmup, seed} = workloadOverrideFlags

/** Flags shared by the commands that draw a miss-ratio curve (`mrc`, `plan`). */
export const curveFlags = {
  operations,
  duration,
  warmup,
  seed,
  rate: Flags.string({description: 'Requests per second the workload receives (open loop), e.g. 20k/s: origin reads/s come from it.', helpGroup: 'LOAD'}),
  eviction: Flags.string({description: "Eviction policy of the built-in cache, replacing the workload's.", helpGroup: 'CURVE'}),
  sample: Flags.string({description: 'Sample this fraction of the keys, e.g. 0.01: SHARDS on stack-distance curves, a miniature simulation (each size scaled by the rate) otherwise.', helpGroup: 'CURVE'}),
  'sample-keys': Flags.integer({description: 'SHARDS with a fixed number of sampled keys: memory bounded whatever the length of the stream.', helpGroup: 'CURVE'}),
  simulate: Flags.boolean({description: 'Simulate every size on the built-in engine even where stack distances would do.', helpGroup: 'CURVE'}),
  threads: Flags.integer({description: 'Worker threads for simulations (default: one per core).', min: 1, helpGroup: 'CURVE'}),
}

