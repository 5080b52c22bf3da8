import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {curveFlags} from '../cli/curve-flags.js'
import {computeCurve} from '../mrc/compute-curve.js'
import {parseSampleRate, withEviction} from '../mrc/curve-workload.js'
import type {MrcResult} from '../mrc/mrc-result.js'
import {renderMrcMarkdown, renderMrcTerminal} from '../mrc/render-mrc.js'
import {curveSizes} from '../mrc/size-grid.js'
import {resolveWorkloadSource} from '../workload/bundled.js'
import {loadWorkload} from '../workload/load-workload.js'

export default class Mrc extends BaseCommand {
  static override summary = "Miss-ratio curve: the hit and miss ratio at every cache size, for the workload's strategy and cache."

  static override description = `Exact LRU curves come from stack distances in one pass over the workload's request stream (the same seeded keys, mix and value sizes a run draws), optionally SHARDS-sampled (--sample, --sample-keys). TTLs, deletes, other eviction policies and engine models are simulated at each size on worker threads. Exit codes: 0 ok, 2 bad input.`

  static override examples = [
    '<%= config.bin %> mrc read-heavy',
    '<%= config.bin %> mrc ycsb-b --sizes 1k,10k,100k --json',
    '<%= config.bin %> mrc product-catalog --capacities 16MiB..1GiB --rate 20k/s',
    '<%= config.bin %> mrc ycsb-c --operations 10000000 --sample 0.01',
  ]

  static override args = {
    workload: Args.string({description: 'Workload file or bundled workload name.', required: true}),
  }

  static override flags = {
    sizes: Flags.string({description: 'Cache sizes in items: a list (1k,10k,100k) or a range (1k..1M, a point per doubling).', helpGroup: 'CURVE'}),
    capacities: Flags.string({description: 'Cache sizes in bytes: a list (64MiB,128MiB) or a range (16MiB..64GiB).', helpGroup: 'CURVE'}),
    ...curveFlags,
  }

  async run(): Promise<MrcResult> {
    const {args, flags} = await this.parse(Mrc)
    const {operations, duration, warmup, seed, rate} = flags
    const loaded = loadWorkload(resolveWorkloadSource(args.workload), {operations, duration, warmup, seed, rate})
    const workload = withEviction(loaded, flags.eviction)
    const result = await computeCurve(workload, {
      sizes: curveSizes(workload, flags),
      sampleRate: parseSampleRate(flags.sample),
      sampleKeys: flags['sample-keys'],
      simulate: flags.simulate,
      threads: flags.threads,
    })
    if (!this.jsonEnabled()) this.log((flags.markdown ? renderMrcMarkdown(result) : renderMrcTerminal(result)).trimEnd())
    return result
  }
}
