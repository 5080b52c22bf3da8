import {Flags} from '@oclif/core'
import {REPORT_FORMATS} from '../report/renderer.js'
import type {ReportRequest} from '../report/emit-reports.js'

/** `--format` for stdout and repeatable `--report FILE`, the same on every command. */
export const reportFlags = {
  format: Flags.string({
    description: 'Format of the report on stdout (--json prints the JSON document instead).',
    options: [...REPORT_FORMATS],
    helpGroup: 'OUTPUT',
  }),
  report: Flags.string({
    description: 'Also write a report to FILE, its format chosen by the extension: .html, .md, .xml (JUnit), .json, .txt. Repeatable.',
    helpValue: 'FILE',
    multiple: true,
    helpGroup: 'OUTPUT',
  }),
}

export function reportRequest(flags: {format?: string; report?: string[]}, jsonOnStdout: boolean): ReportRequest {
  return {format: flags.format, reports: flags.report, jsonOnStdout, stdout: process.stdout, env: process.env}
}
