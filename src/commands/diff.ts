import {Args} from '@oclif/core'
import {gateFlags} from '../cli/baseline-flags.js'
import {BaseCommand} from '../cli/base-command.js'
import {reportFlags, reportRequest} from '../cli/report-flags.js'
import {checkChangeGates} from '../diff/change-gate.js'
import {diffResults} from '../diff/diff-results.js'
import type {DiffReport} from '../diff/diff-report.js'
import {readResultFile} from '../diff/read-result.js'
import {ExitCode} from '../errors.js'
import {checkReportRequest, emitReports} from '../report/emit-reports.js'

export default class Diff extends BaseCommand {
  static override summary = 'Compare a result with a baseline result: every changed figure, and gates on how much each may change.'

  static override description = `Both files are results written by "cache-bench run --out". They must come from the same workload (digest), seed, target kind, strategy and cache model, or the diff is refused (--allow-mismatch compares them anyway and says so). Runs on the built-in engine are deterministic, so every changed figure is exact. When both results were repeated (run --repeat N, N of 4 or more), each gated metric's medians are compared and judged with the Mann-Whitney U test: regressed (significant and past the gate), improved, unchanged, or inconclusive (past the gate, but the noise could explain it); only "regressed" fails a gate.

Exit codes: 0 no gate failed, 1 a gate failed, 2 bad input or results not comparable.`

  static override examples = [
    '<%= config.bin %> diff main.json pr.json --fail-on "read.p99 > +10%" --fail-on "hitRatio < -0.01"',
    '<%= config.bin %> diff main.json pr.json --fail-on "staleRatio > +0.005" --format markdown --report diff.html --report junit.xml',
  ]

  static override args = {
    base: Args.string({description: 'The baseline result file.', required: true}),
    new: Args.string({description: 'The new result file.', required: true}),
  }

  static override flags = {...gateFlags, ...reportFlags}

  async run(): Promise<DiffReport> {
    const {args, flags} = await this.parse(Diff)
    const request = reportRequest(flags, this.jsonEnabled())
    await checkReportRequest('diff', request)
    checkChangeGates(flags['fail-on'] ?? [])
    const [base, next] = await Promise.all([readResultFile(args.base), readResultFile(args.new)])
    const diff = diffResults(base, next, {failOn: flags['fail-on'] ?? [], allowMismatch: flags['allow-mismatch'], files: {base: args.base, next: args.new}})
    const text = await emitReports('diff', diff, request)
    if (text !== null) this.log(text.trimEnd())
    if (!diff.pass) process.exitCode = ExitCode.thresholdFailed
    return diff
  }
}
