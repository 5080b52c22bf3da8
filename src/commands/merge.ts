import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {errorLimitFlags, maxErrorRatioFromFlags} from '../cli/error-limit-flags.js'
import {settleExit} from '../cli/run-outcome.js'
import {withErrorLimit} from '../metrics/error-limit.js'
import {mergeResults} from '../merge/merge-results.js'
import {readResultFiles} from '../merge/read-parts.js'
import type {Result} from '../metrics/result.js'
import {reportFlags, reportRequest} from '../cli/report-flags.js'
import {checkReportRequest, emitReports} from '../report/emit-reports.js'
import {getRenderer} from '../report/renderers.js'
import {writeFileAtomic} from '../report/write-file-atomic.js'
import {pathFlag} from '../cli/path-flag.js'

export default class Merge extends BaseCommand {
  static override summary = 'Combine the results of the shards of one run (run --shard i/n) into the result of the whole run.'

  static override description = `The shards ran at the same time on different hosts, each executing its own part of the workload's operations. Counts are summed, latency histograms added and percentiles read from the sum, ratios recomputed from the summed counts; the measured span is the longest shard's, and throughput is every operation over it. Thresholds and the error limit (--max-error-ratio) are evaluated again on the merged figures. Results of different workloads, seeds, targets or shard counts, or one shard given twice, are refused; so are missing shards unless --partial is given.

Exit codes: 0 ok, 1 a threshold failed, 2 bad input, 3 a shard's run was interrupted, 4 more cache commands failed than --max-error-ratio allows, 5 an internal error.`

  static override examples = [
    '<%= config.bin %> merge shard-1.json shard-2.json shard-3.json',
    '<%= config.bin %> merge results/*.json --out whole.json',
    '<%= config.bin %> merge shard-1.json shard-3.json --partial --json',
  ]

  static override usage = 'merge RESULT_FILE... [-o FILE] [--partial] [--max-error-ratio RATIO] [--json] [--format FORMAT] [--report FILE]...'

  // The result files are a list of any length.
  static override strict = false

  static override args = {}

  static override flags = {
    out: pathFlag({char: 'o', description: 'Also write the merged result JSON to this file (atomically).', helpValue: 'FILE'}),
    partial: Flags.boolean({description: 'Merge the shards given even when some are missing (a warning names them).'}),
    ...errorLimitFlags,
    ...reportFlags,
  }

  async run(): Promise<Result> {
    const {argv, flags} = await this.parse(Merge)
    const request = reportRequest(flags, this.jsonEnabled())
    await checkReportRequest('result', request, {'--out': flags.out})
    const maxErrorRatio = maxErrorRatioFromFlags(flags)
    const result = withErrorLimit(mergeResults(await readResultFiles(argv as string[]), {partial: flags.partial}), maxErrorRatio)
    if (flags.out) await writeFileAtomic(flags.out, getRenderer('json').render(result, {colour: false, width: 80}))
    const text = await emitReports('result', result, request)
    if (text !== null) this.log(text.trimEnd())
    settleExit(result)
    return result
  }
}
