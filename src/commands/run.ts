import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {ProgressLine} from '../cli/progress-line.js'
import {runWithFeedback} from '../cli/run-with-feedback.js'
import {parseShard, scaleFlags} from '../cli/scale-flags.js'
import {targetFlags, targetOptionsFromFlags} from '../cli/target-flags.js'
import {overridesFromFlags, workloadOverrideFlags} from '../cli/workload-flags.js'
import {ExitCode} from '../errors.js'
import type {Result} from '../metrics/result.js'
import {shouldUseColour} from '../report/colour.js'
import {terminalWidth} from '../report/terminal-width.js'
import {getRenderer} from '../report/renderers.js'
import {writeFileAtomic} from '../report/write-file-atomic.js'
import {resolveWorkloadSource} from '../workload/bundled.js'
import {loadWorkload} from '../workload/load-workload.js'
import {parseDuration} from '../workload/units.js'

export default class Run extends BaseCommand {
  static override summary = 'Replay a workload against a cache target and report latency, hit ratio, staleness and origin offload.'

  static override description = `The workload is a file (YAML or JSON) or the name of a bundled workload (see "cache-bench workloads"). Without --target it runs on the built-in engine in simulated time: latencies come from the workload's latency models and the same seed gives the same counts. Exit codes: 0 ok, 1 a threshold failed, 2 bad input, 3 target unreachable or run aborted (Ctrl-C stops gracefully: operations in flight finish and the result, marked "complete": false, is still printed and written).`

  static override examples = [
    '<%= config.bin %> run read-heavy',
    '<%= config.bin %> run workloads/write-heavy.yaml --operations 500000 --concurrency 64',
    '<%= config.bin %> run my-workload.yaml --json > result.json',
    '<%= config.bin %> run read-heavy --threshold "hitRatio >= 0.9" --threshold "read.p99 < 5ms" --out result.json',
    '<%= config.bin %> run read-heavy --target redis://cache:6379 --rate 200k/s --workers 4',
    '<%= config.bin %> run read-heavy --target redis://cache:6379 --shard 2/3 --out shard-2.json   # then: cache-bench merge shard-*.json',
  ]

  static override args = {
    workload: Args.string({description: 'Workload file or bundled workload name.', required: true}),
  }

  static override flags = {
    out: Flags.string({char: 'o', description: 'Also write the result JSON to this file (atomically).', helpValue: 'FILE'}),
    interval: Flags.string({description: 'Length of one timeline interval, e.g. 1s (the default) or 500ms.', helpValue: 'DURATION'}),
    progress: Flags.boolean({description: 'Show the live progress line even when stderr is not a terminal.'}),
    ...workloadOverrideFlags,
    ...targetFlags,
    ...scaleFlags,
  }

  async run(): Promise<Result> {
    const {args, flags} = await this.parse(Run)
    const workload = loadWorkload(resolveWorkloadSource(args.workload), overridesFromFlags(flags))
    const result = await runWithFeedback(
      workload,
      {
        target: flags.target,
        targetOptions: targetOptionsFromFlags(flags),
        intervalMs: flags.interval === undefined ? undefined : parseDuration(flags.interval, '--interval'),
        part: flags.shard === undefined ? undefined : parseShard(flags.shard),
      },
      ProgressLine.wanted(process.stderr, flags.progress),
      flags.workers,
    )
    if (flags.out) await writeFileAtomic(flags.out, getRenderer('json').render(result, {colour: false, width: 80}))
    if (!this.jsonEnabled()) {
      const colour = shouldUseColour(process.stdout, process.env)
      this.log(getRenderer('terminal').render(result, {colour, width: terminalWidth(process.stdout, process.env)}).trimEnd())
    }
    if (!result.complete) process.exitCode = ExitCode.targetFailed
    else if (result.thresholds.some((threshold) => !threshold.pass)) process.exitCode = ExitCode.thresholdFailed
    return result
  }
}
