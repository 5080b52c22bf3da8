import {access} from 'node:fs/promises'
import {InputError} from '../errors.js'
import type {Result} from '../metrics/result.js'
import {checkChangeGates} from './change-gate.js'
import {mismatches} from './comparability.js'
import {workloadDigest} from '../workload/digest.js'
import type {Workload} from '../workload/types.js'
import {diffResults} from './diff-results.js'
import {figuresOf} from './figures.js'
import {readResultFile} from './read-result.js'

/**
 * `run --repeat N`: N full runs one after another. The result is the first run's, with every
 * run's figures in `repetitions`; an interrupted run ends the series and is returned as it is.
 */
export async function runRepeated(times: number, runOnce: () => Promise<Result>): Promise<Result> {
  const runs: Result[] = []
  for (let i = 0; i < times; i++) {
    const result = await runOnce()
    if (!result.complete) return result
    runs.push(result)
  }
  return times > 1 ? {...runs[0], repetitions: runs.map(figuresOf)} : runs[0]
}

/**
 * `run --repeat-into FILE`: adds this run's figures as one more repetition of the result in FILE
 * (created by the first run), so the runs of a baseline and of a change can alternate in one job
 * and meet the same machine. Runs of another workload, seed, target or strategy are refused.
 */
export async function appendRepetition(file: string, result: Result): Promise<Result> {
  if (!(await exists(file))) return {...result, repetitions: [figuresOf(result)]}
  const earlier = await readResultFile(file)
  const differences = mismatches(earlier, result)
  if (differences.length > 0) throw new InputError(`--repeat-into ${file}: this run is not a repetition of the runs there: ${differences.join('; ')}.`)
  return {...earlier, repetitions: [...(earlier.repetitions ?? [figuresOf(earlier)]), ...(result.repetitions ?? [figuresOf(result)])]}
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  )
}

/** Marks a result with the digest of the workload it ran, so a later diff can tell if two results are comparable. */
export function withWorkloadDigest(result: Result, workload: Workload): Result {
  return {...result, workload: {...result.workload, digest: workloadDigest(workload)}}
}

/** What `run --baseline FILE --fail-on …` compares with, read and checked before the run starts. */
export interface BaselineGates {
  base: Result
  file: string
  failOn: readonly string[]
  allowMismatch: boolean
}

export async function prepareBaseline(options: {baseline?: string; failOn?: readonly string[]; allowMismatch?: boolean}): Promise<BaselineGates | undefined> {
  const failOn = options.failOn ?? []
  checkChangeGates(failOn)
  if (!options.baseline) {
    if (failOn.length > 0) throw new InputError('--fail-on needs --baseline FILE: a gate on change needs a result to compare with.')
    return undefined
  }
  return {base: await readResultFile(options.baseline), file: options.baseline, failOn, allowMismatch: options.allowMismatch ?? false}
}

/** The new result with its gates against the baseline; refuses (exit 2) a baseline that is not comparable. */
export function gateAgainstBaseline(result: Result, baseline: BaselineGates): Result {
  const diff = diffResults(baseline.base, result, {...baseline, files: {base: baseline.file, next: null}})
  return {...result, gates: diff.gates}
}
