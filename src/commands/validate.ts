import {Args} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {targetFlags} from '../cli/target-flags.js'
import {ExitCode, InputError} from '../errors.js'
import {checkMessagingTarget} from '../messaging/messaging-targets.js'
import {resolveWorkloadSource} from '../workload/bundled.js'
import {loadWorkload} from '../workload/load-workload.js'
import type {Workload} from '../workload/types.js'
import {describeWorkload} from '../workload/describe.js'
import {implausibleLatencies} from '../workload/plausibility.js'

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

  async run(): Promise<{valid: true; workloads: Workload[]}> {
    const {argv, flags} = await this.parse(Validate)
    const workloads: Workload[] = []
    let invalid = 0
    // Every file is checked, so one run over workloads/*.yaml names all the broken ones at once.
    for (const source of argv as string[]) {
      let workload: Workload
      try {
        workload = loadWorkload(resolveWorkloadSource(source))
        if (flags.target) checkMessagingTarget(flags.target, workload)
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        invalid++
        this.logToStderr(`Error: ${error.message}`)
        continue
      }
      workloads.push(workload)
      this.log(`ok  ${workload.file}: ${describeWorkload(workload)}`)
      for (const warning of implausibleLatencies(workload)) this.logToStderr(`warning: ${workload.file}: ${warning}`)
    }
    if (invalid > 0) return this.exit(ExitCode.badInput)
    return {valid: true, workloads}
  }
}
