import {readTextFile} from '../read-text-file.js'
import {InputError} from '../errors.js'
import {RESULT_SCHEMA, type Result} from '../metrics/result.js'
import {describeFirstIssue, fallbackWording} from '../workload/messages.js'
import {checkEncodedHistograms} from './check-histograms.js'
import type {MergePart} from './merge-parts.js'
import {resultFileSchema} from './result-file-schema.js'

const MERGE_HINT = 'give result files written by "cache-bench run --shard i/n --out FILE"'

/**
 * Reads result files (for merging, unless `hint` says otherwise). A file that is missing, not JSON, not a cache-bench result or
 * carries a figure of the wrong type or range is refused by name (and field), exit code 2.
 */
export async function readResultFiles(files: readonly string[], hint = MERGE_HINT): Promise<MergePart[]> {
  return Promise.all(files.map(async (file) => ({result: parseResultFile(await readText(file), file, hint), source: file})))
}

async function readText(file: string): Promise<string> {
  try {
    return readTextFile(file, 'result file')
  } catch (error) {
    if (error instanceof InputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : (error as Error).message
    throw new InputError(`cannot read ${file}: ${reason}.`)
  }
}

/** The result in `text`, checked field by field against the result schema. */
export function parseResultFile(text: string, file: string, hint = MERGE_HINT): Result {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    throw new InputError(`${file} is not JSON; ${hint}.`)
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document) || (document as {schema?: unknown}).schema !== RESULT_SCHEMA) {
    throw new InputError(`${file} is not a cache-bench result (no "schema": "${RESULT_SCHEMA}"); ${hint}.`)
  }
  const checked = resultFileSchema().safeParse(document, {error: fallbackWording, reportInput: true})
  if (!checked.success) throw new InputError(describeFirstIssue(checked.error.issues, () => file, 'the result'))
  checkEncodedHistograms(document as Result, file, hint)
  return document as Result
}
