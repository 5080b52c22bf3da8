import {Args} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {targetFlags} from '../cli/target-flags.js'
import {checkMessagingTarget} from '../messaging/messaging-targets.js'
import {resolveWorkloadSource} from '../workload/bundled.js'
import {loadWorkload} from '../workload/load-workload.js'
import type {Workload} from '../workload/types.js'
import {describeWorkload} from '../workload/describe.js'
import {implausibleLatencies} from '../workload/plausibility.js'

export default class Validate extends BaseCommand {
  static override summary = 'Check workload files without running them.'

  static override description = 'Prints one line per valid file; the first problem found is reported as one sentence with exit code 2.'

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
    const workloads = (argv as string[]).map((source) => loadWorkload(resolveWorkloadSource(source)))
    if (flags.target) for (const workload of workloads) checkMessagingTarget(flags.target, workload)
    for (const workload of workloads) {
      this.log(`ok  ${workload.file}: ${describeWorkload(workload)}`)
      for (const warning of implausibleLatencies(workload)) this.logToStderr(`warning: ${workload.file}: ${warning}`)
    }
    return {valid: true, workloads}
  }
}
