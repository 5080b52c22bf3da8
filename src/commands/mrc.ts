import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {curveFlags} from '../cli/curve-flags.js'
import {reportFlags, reportRequest} from '../cli/report-flags.js'
import {loadWorkloadOrTrace, traceFlags, traceOverrides} from '../cli/trace-flags.js'
import {computeCurve} from '../mrc/compute-curve.js'
import {parseSampleRate, withEviction} from '../mrc/curve-workload.js'
import type {MrcResult} from '../mrc/mrc-result.js'
import {curveSizes} from '../mrc/size-grid.js'
import {checkReportRequest, emitReports} from '../report/emit-reports.js'
import {describeTrace} from '../trace/describe-trace.js'

export default class Mrc extends BaseCommand {
  static override summary = "Miss-ratio curve: the hit and miss ratio at every cache size, for the workload's strategy and cache."

  static override description = `Exact LRU curves come from stack distances in one pass over the workload's request stream (the same seeded keys, mix and value sizes a run draws, or with --trace the trace's requests), optionally SHARDS-sampled (--sample, --sample-keys). TTLs, deletes, other eviction policies and engine models are simulated at each size on worker threads. Exit codes: 0 ok, 2 bad input.`

  static override examples = [
    '<%= config.bin %> mrc read-heavy',
    '<%= config.bin %> mrc ycsb-b --sizes 1k,10k,100k --json',
    '<%= config.bin %> mrc product-catalog --capacities 16MiB..1GiB --rate 20k/s',
    '<%= config.bin %> mrc ycsb-c --operations 10000000 --sample 0.01',
    '<%= config.bin %> mrc --trace cluster52.sample.csv.zst --trace-format twitter --sizes 1k..1M',
  ]

  static override args = {
    workload: Args.string({description: 'Workload file or bundled workload name; optional with --trace.', ignoreStdin: true}),
  }

  static override flags = {
    sizes: Flags.string({description: 'Cache sizes in items: a list (1k,10k,100k) or a range (1k..1M, a point per doubling).', helpGroup: 'CURVE'}),
    capacities: Flags.string({description: 'Cache sizes in bytes: a list (64MiB,128MiB) or a range (16MiB..64GiB).', helpGroup: 'CURVE'}),
    ...curveFlags,
    ...traceFlags,
    ...reportFlags,
  }

  async run(): Promise<MrcResult> {
    const {args, flags} = await this.parse(Mrc)
    const request = reportRequest(flags, this.jsonEnabled())
    await checkReportRequest('mrc', request)
    const {operations, duration, warmup, seed, rate} = flags
    const loaded = loadWorkloadOrTrace(args.workload, {operations, duration, warmup, seed, rate, ...traceOverrides(flags)})
    const workload = withEviction(describeTrace(loaded), flags.eviction)
    const result = await computeCurve(workload, {
      sizes: curveSizes(workload, flags),
      sampleRate: parseSampleRate(flags.sample),
      sampleKeys: flags['sample-keys'],
      simulate: flags.simulate,
      threads: flags.threads,
    })
    const text = await emitReports('mrc', result, request)
    if (text !== null) this.log(text.trimEnd())
    return result
  }
}
