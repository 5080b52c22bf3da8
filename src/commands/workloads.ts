import {BaseCommand} from '../cli/base-command.js'
import {listBundledWorkloads} from '../workload/bundled.js'

export default class Workloads extends BaseCommand {
  static override summary = 'List the bundled workloads, one line each.'

  static override examples = ['<%= config.bin %> workloads', '<%= config.bin %> run read-heavy']

  async run(): Promise<ReturnType<typeof listBundledWorkloads>> {
    await this.parse(Workloads)
    const workloads = listBundledWorkloads()
    const width = Math.max(...workloads.map((workload) => workload.name.length))
    for (const workload of workloads) this.log(`${workload.name.padEnd(width)}  ${workload.description ?? ''}`.trimEnd())
    return workloads
  }
}
