import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {errorLimitFlags, maxErrorRatioFromFlags} from '../cli/error-limit-flags.js'
import {settleComparisonExit} from '../cli/run-outcome.js'
import {stopOnServer} from '../cli/graceful-stop.js'
import {targetFlags, targetOptionsFromFlags} from '../cli/target-flags.js'
import {loadWorkloadOrTrace, traceFlags, traceOverrides} from '../cli/trace-flags.js'
import {overridesFromFlags, workloadOverrideFlags} from '../cli/workload-flags.js'
import type {Comparison} from '../compare/comparison.js'
import {renderComparison} from '../compare/comparison-report.js'
import {runComparison} from '../compare/run-comparison.js'
import {prepareComparisonFolder, withCellsKept, writeCellResult, writeComparison} from '../compare/write-comparison.js'
import {reportFlags, reportRequest} from '../cli/report-flags.js'
import {InputError} from '../errors.js'
import {checkReportRequest, emitReports, type ReportRequest} from '../report/emit-reports.js'
import {pathFlag} from '../cli/path-flag.js'

const {threshold: _threshold, ...loadFlags} = workloadOverrideFlags

export default class Compare extends BaseCommand {
  static override summary = 'Run a workload once per combination of strategies, mixes and TTLs, and compare the results side by side.'

  static override description = `Each cell of the matrix (the cartesian product of the lists given) is a full run of the workload with those settings, on the built-in engine unless --target says otherwise. The table marks the best cell of each column with *, and a short verdict drawn from the numbers follows. A strategy value may carry options after +: lazy-loading+invalidateOnWrite, write-through+singleFlight, lazy-loading+lease. Thresholds in the workload are evaluated per cell but do not change the exit code.

Exit codes: 0 ok, 2 bad input (the message names the flag), 3 target unreachable, 5 an internal error.`

  static override examples = [
    '<%= config.bin %> compare workloads/product-catalog.yaml --strategy none,lazy-loading,write-through,write-behind,refresh-ahead --mix 95:5,50:50 --ttl none,30s,5m',
    '<%= config.bin %> compare stampede --strategy lazy-loading,lazy-loading+singleFlight,lazy-loading+lease',
    '<%= config.bin %> compare read-heavy --ttl 1s,10s,1m --json > comparison.json',
  ]

  static override args = {
    workload: Args.string({description: 'Workload file or bundled workload name; optional with --trace.', ignoreStdin: true}),
  }

  static override flags = {
    strategy: Flags.string({description: 'Strategies to compare, comma-separated (options after +).', helpValue: 'LIST', helpGroup: 'MATRIX'}),
    mix: Flags.string({description: 'Mixes to compare, read:write[:delete], comma-separated, e.g. 95:5,50:50.', helpValue: 'LIST', helpGroup: 'MATRIX'}),
    ttl: Flags.string({description: 'TTLs to compare, comma-separated, e.g. none,30s,5m.', helpValue: 'LIST', helpGroup: 'MATRIX'}),
    threads: Flags.integer({description: 'Worker threads for cells on the built-in engine (default: one per core).', min: 1, helpGroup: 'MATRIX'}),
    out: pathFlag({char: 'o', description: 'Write one result file per cell, comparison.json and comparison.txt into this folder.', helpValue: 'DIR'}),
    ...loadFlags,
    ...errorLimitFlags,
    ...traceFlags,
    ...targetFlags,
    ...reportFlags,
  }

  async run(): Promise<Comparison> {
    const {args, flags} = await this.parse(Compare)
    const request = reportRequest(flags, this.jsonEnabled())
    await checkReportRequest('comparison', request)
    const workload = loadWorkloadOrTrace(args.workload, {...overridesFromFlags(flags), ...traceOverrides(flags)})
    if (workload.trace && flags.mix) throw new InputError('--mix cannot be combined with a trace: the trace gives the operation mix.')
    if (flags.out) await prepareComparisonFolder(flags.out)
    const progress = process.stderr.isTTY === true
    // On a server, Ctrl-C lets the cell under way end and delete its keys (simulated cells hold
    // nothing outside the process, so there it ends the process at once, as before).
    const targetOptions = targetOptionsFromFlags(flags)
    const onServer = stopOnServer(flags.target, targetOptions)
    const out = flags.out
    let cellsWritten = 0
    try {
      const comparison = await runComparison(
        workload,
        {strategy: flags.strategy, mix: flags.mix, ttl: flags.ttl},
        {
          target: flags.target,
          targetOptions: onServer?.targetOptions ?? targetOptions,
          threads: flags.threads,
          maxErrorRatio: maxErrorRatioFromFlags(flags),
          signal: onServer?.signal,
          onCell: progress ? (cell, total) => process.stderr.write(`\r\u001b[K[${cell.index + 1}/${total}] running ${cell.label}`) : undefined,
          onCellResult: out
            ? async (result, total) => {
                await writeCellResult(out, result, total)
                cellsWritten++
              }
            : undefined,
        },
      )
      if (progress) process.stderr.write('\r\u001b[K')
      const reported = await this.report(comparison, flags.out, request)
      settleComparisonExit(reported)
      return reported
    } catch (error) {
      throw out ? withCellsKept(error, out, cellsWritten) : error
    } finally {
      onServer?.dispose()
    }
  }

  private async report(comparison: Comparison, out: string | undefined, request: ReportRequest): Promise<Comparison> {
    if (out) await writeComparison(out, comparison, renderComparison(comparison, {colour: false, width: 80}))
    const text = await emitReports('comparison', comparison, request)
    if (text !== null) this.log(text.trimEnd())
    return comparison
  }
}
