import {Args} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {baselineFlags, checkRepeatKeepsKeys} from '../cli/baseline-flags.js'
import {errorLimitFlags, maxErrorRatioFromFlags} from '../cli/error-limit-flags.js'
import {keepResult} from '../cli/keep-result.js'
import {ProgressLine} from '../cli/progress-line.js'
import {reportFlags, reportRequest} from '../cli/report-flags.js'
import {runOptionsFromFlags, runOutputFlags} from '../cli/run-flags.js'
import {settleExit} from '../cli/run-outcome.js'
import {runWithFeedback} from '../cli/run-with-feedback.js'
import {scaleFlags} from '../cli/scale-flags.js'
import {targetFlags} from '../cli/target-flags.js'
import {loadWorkloadOrTrace, traceFlags, traceOverrides} from '../cli/trace-flags.js'
import {overridesFromFlags, workloadOverrideFlags} from '../cli/workload-flags.js'
import {prepareBaseline, runRepeated, withWorkloadDigest} from '../diff/run-baseline.js'
import {withErrorLimit} from '../metrics/error-limit.js'
import type {Result} from '../metrics/result.js'
import {checkReportRequest, emitReports} from '../report/emit-reports.js'
import {checkWritable} from '../report/write-file-atomic.js'

export default class Run extends BaseCommand {
  static override summary = 'Replay a workload against a cache target and report latency, hit ratio, staleness and origin offload.'

  static override description = `The workload is a file (YAML or JSON) or the name of a bundled workload (see "cache-bench workloads"). Without --target it runs on the built-in engine in simulated time: latencies come from the workload's latency models and the same seed, workload and flags give the same result. Exit codes: 0 ok, 1 a threshold failed, 2 bad input, 3 target unreachable or run aborted, 4 more cache commands failed than --max-error-ratio allows, 5 an internal error (Ctrl-C stops gracefully: operations in flight finish and the result, marked "complete": false, is still printed and written).`

  static override examples = [
    '<%= config.bin %> run read-heavy',
    '<%= config.bin %> run workloads/write-heavy.yaml --operations 500000 --concurrency 64',
    '<%= config.bin %> run my-workload.yaml --json > result.json',
    '<%= config.bin %> run read-heavy --threshold "hitRatio >= 0.9" --threshold "read.p99 < 5ms" --out result.json',
    '<%= config.bin %> run read-heavy --target redis://cache:6379 --rate 200k/s --workers 4',
    '<%= config.bin %> run --trace cluster52.sample.csv.zst --trace-format twitter --target redis://cache:6379',
    '<%= config.bin %> run read-heavy --target redis://cache:6379 --shard 2/3 --out shard-2.json   # then: cache-bench merge shard-*.json',
    '<%= config.bin %> run read-heavy --baseline main.json --fail-on "read.p99 > +10%" --fail-on "hitRatio < -0.01" --report report.html --report report.md',
    '<%= config.bin %> run read-heavy --target redis://cache:6379 --repeat 5 --out pr.json   # then: cache-bench diff main.json pr.json',
  ]

  static override args = {
    workload: Args.string({description: 'Workload file or bundled workload name; optional with --trace.', ignoreStdin: true}),
  }

  static override flags = {
    ...runOutputFlags,
    ...errorLimitFlags,
    ...workloadOverrideFlags,
    ...traceFlags,
    ...targetFlags,
    ...scaleFlags,
    ...baselineFlags,
    ...reportFlags,
  }

  async run(): Promise<Result> {
    const {args, flags} = await this.parse(Run)
    checkRepeatKeepsKeys(flags)
    const request = reportRequest(flags, this.jsonEnabled())
    await checkReportRequest('result', request, {'--out': flags.out, '--repeat-into': flags['repeat-into']})
    const baseline = await prepareBaseline({baseline: flags.baseline, failOn: flags['fail-on'], allowMismatch: flags['allow-mismatch']})
    const workload = loadWorkloadOrTrace(args.workload, {...overridesFromFlags(flags), ...traceOverrides(flags)})
    const maxErrorRatio = maxErrorRatioFromFlags(flags)
    if (flags.out) await checkWritable(flags.out, '--out')
    const options = runOptionsFromFlags(flags)
    const showProgress = ProgressLine.wanted(process.stderr, flags.progress)
    const runOnce = async (): Promise<Result> => withErrorLimit(await runWithFeedback(workload, options, showProgress, flags.workers), maxErrorRatio)
    const measured = withWorkloadDigest(await runRepeated(flags.repeat, runOnce), workload)
    const {result, notWritten} = await keepResult(measured, {out: flags.out, repeatInto: flags['repeat-into'], baseline})
    const text = await emitReports('result', result, request)
    if (text !== null) this.log(text.trimEnd())
    settleExit(result, notWritten)
    return result
  }
}
