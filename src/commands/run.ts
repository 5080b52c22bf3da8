import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {ProgressLine} from '../cli/progress-line.js'
import {runOutcome, writeResult} from '../cli/run-outcome.js'
import {runWithFeedback} from '../cli/run-with-feedback.js'
import {parseShard, scaleFlags} from '../cli/scale-flags.js'
import {targetFlags, targetOptionsFromFlags} from '../cli/target-flags.js'
import {loadWorkloadOrTrace, traceFlags, traceOverrides} from '../cli/trace-flags.js'
import {overridesFromFlags, workloadOverrideFlags} from '../cli/workload-flags.js'
import {reportFlags, reportRequest} from '../cli/report-flags.js'
import {baselineFlags} from '../cli/baseline-flags.js'
import {errorLimitFlags, maxErrorRatioFromFlags} from '../cli/error-limit-flags.js'
import {appendRepetition, gateAgainstBaseline, prepareBaseline, runRepeated, withWorkloadDigest} from '../diff/run-baseline.js'
import {ExitCode} from '../errors.js'
import {withErrorLimit} from '../metrics/error-limit.js'
import type {Result} from '../metrics/result.js'
import {checkReportRequest, emitReports} from '../report/emit-reports.js'
import {writeJsonFile} from '../report/json.js'
import {checkWritable} from '../report/write-file-atomic.js'
import {parseDuration} from '../workload/units.js'

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
    workload: Args.string({description: 'Workload file or bundled workload name; optional with --trace.'}),
  }

  static override flags = {
    out: Flags.string({char: 'o', description: 'Also write the result JSON to this file (atomically).', helpValue: 'FILE'}),
    interval: Flags.string({description: 'Length of one timeline interval, e.g. 1s (the default) or 500ms.', helpValue: 'DURATION'}),
    progress: Flags.boolean({description: 'Show the live progress line even when stderr is not a terminal.'}),
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
    const request = reportRequest(flags, this.jsonEnabled())
    checkReportRequest('result', request)
    const baseline = await prepareBaseline({baseline: flags.baseline, failOn: flags['fail-on'], allowMismatch: flags['allow-mismatch']})
    const workload = loadWorkloadOrTrace(args.workload, {...overridesFromFlags(flags), ...traceOverrides(flags)})
    const maxErrorRatio = maxErrorRatioFromFlags(flags)
    if (flags.out) await checkWritable(flags.out, '--out')
    const runOnce = async (): Promise<Result> =>
      withErrorLimit(
        await runWithFeedback(
          workload,
          {
            target: flags.target,
            targetOptions: targetOptionsFromFlags(flags),
            intervalMs: flags.interval === undefined ? undefined : parseDuration(flags.interval, '--interval'),
            part: flags.shard === undefined ? undefined : parseShard(flags.shard),
          },
          ProgressLine.wanted(process.stderr, flags.progress),
          flags.workers,
        ),
        maxErrorRatio,
      )
    let result = withWorkloadDigest(await runRepeated(flags.repeat, runOnce), workload)
    if (flags['repeat-into'] && result.complete) await writeJsonFile(flags['repeat-into'], await appendRepetition(flags['repeat-into'], result))
    let notWritten: string | undefined
    const save = async (): Promise<void> => {
      if (flags.out) notWritten = await writeResult(flags.out, result)
    }
    if (baseline && result.complete) {
      // The run's own result is kept even when the baseline turns out not to be comparable.
      await save()
      result = gateAgainstBaseline(result, baseline)
    }
    await save()
    const text = await emitReports('result', result, request)
    if (text !== null) this.log(text.trimEnd())
    const outcome = runOutcome(result)
    if (outcome.sentence) process.stderr.write(`Error: ${outcome.sentence}\n`)
    process.exitCode = outcome.exitCode
    if (notWritten) {
      // After the report, so the run is not lost with the file.
      process.stderr.write(`Error: ${notWritten}\n`)
      process.exitCode = ExitCode.badInput
    }
    return result
  }
}
