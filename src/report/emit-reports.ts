import {terminalWidth} from './terminal-width.js'
import {appendFile} from 'node:fs/promises'
import {extname} from 'node:path'
import {InputError} from '../errors.js'
import {shouldUseColour} from './colour.js'
import {REPORT_FORMATS, type ReportFormat} from './renderer.js'
import {getRenderer, hasRenderer, type ReportDocuments, type ReportKind} from './renderers.js'
import {checkWritable, followLinks, writeFileAtomic} from './write-file-atomic.js'

const BY_EXTENSION: Record<string, ReportFormat> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.xml': 'junit',
  '.json': 'json',
  '.txt': 'terminal',
}

/** What the user asked for: `--format` on stdout (unless `--json` took stdout) and `--report FILE`s. */
export interface ReportRequest {
  format?: string
  reports?: readonly string[]
  /** oclif's `--json` prints the document itself; nothing else goes to stdout then. */
  jsonOnStdout: boolean
  stdout: {isTTY?: boolean; columns?: number}
  env: NodeJS.ProcessEnv
}

/** The format a `--report FILE` gets from its extension. */
export function formatForFile(file: string): ReportFormat {
  const format = BY_EXTENSION[extname(file).toLowerCase()]
  if (!format) {
    throw new InputError(`--report ${file}: cannot tell the format from its extension; use ${Object.keys(BY_EXTENSION).join(', ')}.`)
  }
  return format
}

/**
 * Refuses an unknown format or file extension, and a report file that cannot be written, before
 * any work is done: a typo in a folder must not cost a long run, whose report would only be
 * written at its end.
 */
export async function checkReportRequest(kind: ReportKind, request: ReportRequest, otherOutputs: Record<string, string | undefined> = {}): Promise<void> {
  checkReportFormats(kind, request)
  checkDistinctOutputs([...Object.entries(otherOutputs), ...(request.reports ?? []).map((file): [string, string] => ['--report', file])])
  for (const file of request.reports ?? []) await checkWritable(file, '--report')
}

/**
 * Refuses two outputs of one command that name the same file: the one written last would
 * replace the other (a `--report x.md` written over the result of `--out x.md`) without a word.
 */
function checkDistinctOutputs(outputs: ReadonlyArray<[flag: string, file: string | undefined]>): void {
  const seen = new Map<string, {flag: string; file: string}>()
  for (const [flag, file] of outputs) {
    if (file === undefined) continue
    // Through links: --out x.json, a link to x.html, and --report x.html are one file.
    const path = followLinks(file)
    const earlier = seen.get(path)
    if (earlier !== undefined) {
      const named = earlier.file === file ? `both name ${file}` : `name one file, ${earlier.file} and ${file} (${path})`
      throw new InputError(`${earlier.flag} and ${flag} ${named}: one would overwrite the other; give each its own file.`)
    }
    seen.set(path, {flag, file})
  }
}

function checkReportFormats(kind: ReportKind, request: ReportRequest): void {
  const formats = [...(request.format ? [request.format] : []), ...(request.reports ?? []).map(formatForFile)]
  for (const format of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format) || !hasRenderer(kind, format as ReportFormat)) {
      getRenderer(format, kind) // throws the one-sentence error listing the formats
    }
  }
}

/**
 * Writes every requested report file (atomically), appends the Markdown report to GitHub's step
 * summary when `GITHUB_STEP_SUMMARY` is set, and returns what goes to stdout (null for none).
 */
export async function emitReports<K extends ReportKind>(kind: K, document: ReportDocuments[K], request: ReportRequest): Promise<string | null> {
  checkReportFormats(kind, request)
  for (const file of request.reports ?? []) {
    await writeFileAtomic(file, getRenderer(formatForFile(file), kind).render(document, {colour: false, width: 80}))
  }
  const summaryFile = request.env.GITHUB_STEP_SUMMARY
  if (summaryFile && hasRenderer(kind, 'markdown')) {
    try {
      await appendFile(summaryFile, `${getRenderer('markdown', kind).render(document, {colour: false, width: 80})}\n`)
    } catch (error) {
      throw new InputError(`cannot append to GITHUB_STEP_SUMMARY (${summaryFile}): ${(error as Error).message}.`)
    }
  }
  if (request.jsonOnStdout) return null
  const format = request.format ?? 'terminal'
  const colour = format === 'terminal' && shouldUseColour(request.stdout, request.env)
  const width = terminalWidth(request.stdout, process.env)
  return getRenderer(format, kind).render(document, {colour, width})
}
