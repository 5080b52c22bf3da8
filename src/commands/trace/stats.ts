import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {traceFileFlags} from '../../cli/trace-flags.js'
import {renderTraceStats} from '../../report/trace-stats.js'
import {traceStats, type TraceStats} from '../../trace/trace-stats.js'

export default class TraceStatsCommand extends BaseCommand {
  static override summary = 'Describe a cache trace: requests, keys, one-hit wonders, operation mix, sizes, request rate, reuse distances and Zipf skew.'

  static override examples = ['<%= config.bin %> trace stats cluster52.sample.csv.zst --format twitter', '<%= config.bin %> trace stats t.monitor --format redis-monitor --json']

  static override args = {file: Args.string({description: 'The trace file (.gz and .zst are read as streams).', required: true})}

  static override flags = {...traceFileFlags}

  async run(): Promise<TraceStats> {
    const {args, flags} = await this.parse(TraceStatsCommand)
    const stats = traceStats({file: args.file, format: flags.format, skipBadRecords: flags['skip-bad-records']})
    if (!this.jsonEnabled()) this.log(renderTraceStats(stats))
    return stats
  }
}
