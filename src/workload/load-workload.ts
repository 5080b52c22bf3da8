/**
 * Reading a workload: file → text → data → overrides → validated, normalised `Workload`.
 */
import {basename, dirname, extname, isAbsolute, join} from 'node:path'
import {InputError} from '../errors.js'
import {readNamedTextFile} from '../read-text-file.js'
import {describeFirstIssue, fallbackWording} from './messages.js'
import {applyOverrides, type WorkloadOverrides} from './overrides.js'
import {parseWorkloadText} from './parse-text.js'
import {workloadSchema} from './schema.js'
import type {Workload} from './types.js'

export type {WorkloadOverrides} from './overrides.js'

/** Reads, parses, validates. `overrides` are applied to the raw document before validation (so the same checks apply): operations replaces duration and vice versa; thresholds are appended. */
export function loadWorkload(file: string, overrides?: WorkloadOverrides): Workload {
  return parseWorkload(readNamedTextFile(file, 'workload file'), file, overrides)
}

export function parseWorkload(text: string, file: string, overrides?: WorkloadOverrides): Workload {
  const raw = parseWorkloadText(text, file)
  if (raw === null || raw === undefined) {
    throw new InputError(`${file}: the file is empty; a workload needs at least "version: 1".`)
  }
  const {document, flagFor} = applyOverrides(raw, overrides)
  const result = workloadSchema.safeParse(document, {error: fallbackWording, reportInput: true})
  if (!result.success) {
    const labelFor = (paths: PropertyKey[][]) => paths.map(flagFor).find((flag) => flag !== undefined) ?? file
    throw new InputError(describeFirstIssue(result.error.issues, labelFor))
  }
  const workload = result.data
  const trace = workload.trace && {
    ...workload.trace,
    file: isAbsolute(workload.trace.file) ? workload.trace.file : join(dirname(file), workload.trace.file),
    wholeTrace: !givesRunLength(document),
  }
  return {...workload, ...(trace ? {trace} : {}), name: workload.name ?? basename(file, extname(file)), file}
}

/** A trace is replayed whole unless load.operations or load.duration cuts it short. */
function givesRunLength(document: unknown): boolean {
  const load = (document as {load?: Record<string, unknown>}).load
  return typeof load === 'object' && load !== null && (load.operations !== undefined || load.duration !== undefined)
}
