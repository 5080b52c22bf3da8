import {Args} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {targetFlags} from '../cli/target-flags.js'
import {ExitCode, InputError} from '../errors.js'
import {checkMessagingTarget} from '../messaging/messaging-targets.js'
import {checkWorkloadOnTarget} from '../runner/run-parts.js'
import {resolveWorkloadSource} from '../workload/bundled.js'
import {loadWorkload} from '../workload/load-workload.js'
import type {Workload} from '../workload/types.js'
import {checkTraceFile} from '../trace/trace-bytes.js'
import {describeWorkload} from '../workload/describe.js'
import {implausibleSettings} from '../workload/plausibility.js'

export default class Validate extends BaseCommand {
  static override summary = 'Check workload files without running them.'

  static override description = 'Checks every file given: one line per valid file, one sentence per invalid one (each names its file), and exit code 2 when any is invalid.'

  static override examples = ['<%= config.bin %> validate my-workload.yaml', '<%= config.bin %> validate workloads/*.yaml', '<%= config.bin %> validate pubsub-fanout --target redis://cache:6379']

  static override strict = false

  static override args = {
    workload: Args.string({description: 'Workload files or bundled names.', required: true}),
  }

  static override flags = {
    target: targetFlags.target,
  }

  async run(): Promise<ValidationReport> {
    const {argv, flags} = await this.parse(Validate)
    const report: ValidationReport = {valid: true, workloads: [], errors: []}
    // Every file is checked, so one run over workloads/*.yaml names all the broken ones at once.
    // Sentences go straight to stderr: with --json the command's own log lines are held back,
    // and an invalid file would otherwise end the command with exit 2 and nothing said.
    for (const source of argv as string[]) {
      let workload: Workload
      try {
        workload = loadWorkload(resolveWorkloadSource(source))
        if (flags.target) checkMessagingTarget(flags.target, workload)
        // As `run` would meet it: on --target, else on the built-in engine.
        if (!workload.messaging) await checkWorkloadOnTarget(workload, flags.target)
        if (workload.trace) checkTraceFile(workload.trace.file)
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        report.valid = false
        report.errors.push({source, message: error.message})
        process.stderr.write(`Error: ${error.message}\n`)
        continue
      }
      report.workloads.push(workload)
      this.log(`ok  ${workload.file}: ${describeWorkload(workload)}`)
      for (const warning of implausibleSettings(workload)) process.stderr.write(`warning: ${workload.file}: ${warning}\n`)
    }
    if (report.valid) return report
    if (this.jsonEnabled()) this.logJson(report)
    return this.exit(ExitCode.badInput)
  }
}

/** What `validate --json` prints: the workloads as loaded, and a sentence for each source that is not one. */
interface ValidationReport {
  valid: boolean
  workloads: Workload[]
  errors: Array<{source: string; message: string}>
}
