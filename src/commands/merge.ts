import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {ExitCode} from '../errors.js'
import {mergeResults} from '../merge/merge-results.js'
import {readResultFiles} from '../merge/read-parts.js'
import type {Result} from '../metrics/result.js'
import {shouldUseColour} from '../report/colour.js'
import {terminalWidth} from '../report/terminal-width.js'
import {getRenderer} from '../report/renderers.js'
import {writeFileAtomic} from '../report/write-file-atomic.js'

export default class Merge extends BaseCommand {
  static override summary = 'Combine the results of the shards of one run (run --shard i/n) into the result of the whole run.'

  static override description = `The shards ran at the same time on different hosts, each executing its own part of the workload's operations. Counts are summed, latency histograms added and percentiles read from the sum, ratios recomputed from the summed counts; the measured span is the longest shard's, and throughput is every operation over it. Thresholds are evaluated again on the merged figures. Results of different workloads, seeds, targets or shard counts, or one shard given twice, are refused; so are missing shards unless --partial is given.

Exit codes: 0 ok, 1 a threshold failed, 2 bad input, 3 a shard's run was interrupted.`

  static override examples = [
    '<%= config.bin %> merge shard-1.json shard-2.json shard-3.json',
    '<%= config.bin %> merge results/*.json --out whole.json',
    '<%= config.bin %> merge shard-1.json shard-3.json --partial --json',
  ]

  static override usage = 'merge RESULT_FILE... [-o FILE] [--partial] [--json]'

  // The result files are a list of any length.
  static override strict = false

  static override args = {}

  static override flags = {
    out: Flags.string({char: 'o', description: 'Also write the merged result JSON to this file (atomically).', helpValue: 'FILE'}),
    partial: Flags.boolean({description: 'Merge the shards given even when some are missing (a warning names them).'}),
  }

  async run(): Promise<Result> {
    const {argv, flags} = await this.parse(Merge)
    const result = mergeResults(await readResultFiles(argv as string[]), {partial: flags.partial})
    if (flags.out) await writeFileAtomic(flags.out, getRenderer('json').render(result, {colour: false, width: 80}))
    if (!this.jsonEnabled()) {
      const width = terminalWidth(process.stdout, process.env)
      this.log(getRenderer('terminal').render(result, {colour: shouldUseColour(process.stdout, process.env), width}).trimEnd())
    }
    if (!result.complete) process.exitCode = ExitCode.targetFailed
    else if (result.thresholds.some((threshold) => !threshold.pass)) process.exitCode = ExitCode.thresholdFailed
    return result
  }
}
