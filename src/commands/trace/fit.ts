import {basename} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {stringify} from 'yaml'
import {BaseCommand} from '../../cli/base-command.js'
import {traceFileFlags} from '../../cli/trace-flags.js'
import {fitTrace, type TraceFit} from '../../trace/trace-fit.js'
import {traceStats} from '../../trace/trace-stats.js'

export default class TraceFitCommand extends BaseCommand {
  static override summary = 'Write a synthetic workload that mimics a trace, and say how close its LRU miss-ratio curve comes.'

  static override description = `The workload (YAML on stdout) has the trace's distinct keys as its keyspace, a zipfian distribution with the trace's fitted θ, its value sizes, operation mix and mean rate. On stderr: how far the fitted workload's exact LRU miss-ratio curve is from the trace's (mean absolute error over cache sizes from one item to every key). Share the workload file instead of the trace.`

  static override examples = ['<%= config.bin %> trace fit cluster52.sample.csv.zst --format twitter > workload.yaml']

  static override args = {file: Args.string({description: 'The trace file (.gz and .zst are read as streams).', required: true})}

  static override flags = {
    ...traceFileFlags,
    name: Flags.string({description: 'Name of the fitted workload; "fitted-" and the trace file name by default.'}),
  }

  async run(): Promise<TraceFit> {
    const {args, flags} = await this.parse(TraceFitCommand)
    const stats = traceStats({file: args.file, format: flags.format, skipBadRecords: flags['skip-bad-records']})
    const fit = fitTrace(stats, flags.name ?? `fitted-${basename(args.file).split('.')[0]}`)
    if (!this.jsonEnabled()) {
      process.stdout.write(stringify(fit.workload))
      // θ outside what a workload takes (0.01 to the schema's largest) is written at the nearest end: say so.
      const written = fit.theta === Number(fit.fittedTheta.toFixed(4)) ? '' : ` (written as ${fit.theta}, the nearest a workload takes)`
      process.stderr.write(`Zipf θ ${fit.fittedTheta.toFixed(3)}${written}; the fitted workload's LRU miss-ratio curve is within ${fit.missRatioError.toFixed(4)} of the trace's (mean absolute error over ${fit.curve.length} cache size${fit.curve.length === 1 ? '' : 's'}).\n`)
    }
    return fit
  }
}
