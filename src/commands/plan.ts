import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {curveFlags} from '../cli/curve-flags.js'
import {reportFlags, reportRequest} from '../cli/report-flags.js'
import {loadWorkloadOrTrace, traceFlags, traceOverrides} from '../cli/trace-flags.js'
import {withEviction, parseSampleRate} from '../mrc/curve-workload.js'
import {loadCatalog} from '../plan/catalog.js'
import {parseGoals} from '../plan/goals.js'
import {planCapacity} from '../plan/plan-capacity.js'
import type {PlanResult} from '../plan/plan-result.js'
import {checkReportRequest, emitReports} from '../report/emit-reports.js'
import {describeTrace} from '../trace/describe-trace.js'

export default class Plan extends BaseCommand {
  static override summary = 'Capacity plan: the smallest cache memory meeting your goals, per strategy, as nodes of each type with their monthly cost and N+1 headroom.'

  static override description = `Reads the workload's miss-ratio curve (see "cache-bench mrc"), finds the smallest memory meeting every goal, and sizes it on each node type of a catalog (bundled: ElastiCache node types; replace it with --catalog). Exit codes: 0 ok, 2 bad input or goals no cache size meets.`

  static override examples = [
    '<%= config.bin %> plan read-heavy --hit-ratio 0.95',
    '<%= config.bin %> plan product-catalog --hit-ratio 0.9 --origin-reads 2000/s --rate 20k/s --engine memcached',
    '<%= config.bin %> plan ycsb-b --hit-ratio 0.8 --read-p99 5ms --strategy lazy-loading,write-through --json',
    '<%= config.bin %> plan --trace cluster52.sample.csv.zst --trace-format twitter --hit-ratio 0.9',
  ]

  static override args = {
    workload: Args.string({description: 'Workload file or bundled workload name; optional with --trace.', ignoreStdin: true}),
  }

  static override flags = {
    'hit-ratio': Flags.string({description: 'Goal: at least this hit ratio, e.g. 0.95.', helpGroup: 'GOALS'}),
    'origin-reads': Flags.string({description: 'Goal: at most this many origin reads per second, e.g. 2000/s (needs a rate).', helpGroup: 'GOALS'}),
    'read-p99': Flags.string({description: 'Goal: read latency p99 at most this, e.g. 5ms.', helpGroup: 'GOALS'}),
    'stale-ratio': Flags.string({description: 'Goal: at most this fraction of stale reads (simulates each size).', helpGroup: 'GOALS'}),
    engine: Flags.string({description: 'Node family, and the engine model of the curve.', options: ['redis', 'memcached']}),
    catalog: Flags.string({description: 'Node-type catalog (YAML) replacing the bundled ElastiCache one.', helpValue: 'FILE'}),
    replicas: Flags.integer({description: 'Read replicas per Redis node, 0 to 5 (paid for, hold no extra cache).', default: 0, min: 0}),
    strategy: Flags.string({description: "Strategies to plan for, comma-separated (the workload's when absent)."}),
    ...curveFlags,
    ...traceFlags,
    ...reportFlags,
  }

  async run(): Promise<PlanResult> {
    const {args, flags} = await this.parse(Plan)
    const request = reportRequest(flags, this.jsonEnabled())
    await checkReportRequest('plan', request)
    const goals = parseGoals(flags)
    const catalog = loadCatalog(flags.catalog)
    const {operations, duration, warmup, seed, rate} = flags
    const loaded = loadWorkloadOrTrace(args.workload, {operations, duration, warmup, seed, rate, ...traceOverrides(flags)})
    const workload = withEviction(describeTrace(loaded), flags.eviction)
    const result = await planCapacity(workload, {
      goals,
      catalog,
      strategies: flags.strategy?.split(','),
      engine: flags.engine as 'redis' | 'memcached' | undefined,
      replicas: flags.replicas,
      curve: {sampleRate: parseSampleRate(flags.sample), sampleKeys: flags['sample-keys'], simulate: flags.simulate, threads: flags.threads},
    })
    const text = await emitReports('plan', result, request)
    if (text !== null) this.log(text.trimEnd())
    return result
  }
}
