import {ExitCode, type ExitCodeValue} from '../errors.js'
import {errorLimitSentence, errorRatioPercent} from '../metrics/error-limit.js'
import type {Result} from '../metrics/result.js'
import type {Comparison} from '../compare/comparison.js'
import {writeJsonFile} from '../report/json.js'

/**
 * The exit code a finished run earns (docs/contracts.md, exit codes), and the sentence that goes
 * with it on stderr. An aborted run outranks an error limit, which outranks a failed check.
 */
export function runOutcome(result: Result): {exitCode: ExitCodeValue; sentence?: string} {
  if (!result.complete) return {exitCode: ExitCode.targetFailed}
  if (result.errorLimit?.exceeded) return {exitCode: ExitCode.tooManyErrors, sentence: errorLimitSentence(result.errorLimit)}
  if ([...result.thresholds, ...(result.gates ?? [])].some((check) => !check.pass)) return {exitCode: ExitCode.thresholdFailed}
  return {exitCode: ExitCode.ok}
}

/**
 * Ends a command that reported a run: the sentence of its outcome on stderr and the exit code it
 * earns. A result that could not be written to `--out` is said last, after the report, so the
 * run is not lost with the file, and ends as bad input.
 */
export function settleExit(result: Result, notWritten?: string): void {
  const outcome = runOutcome(result)
  if (outcome.sentence) process.stderr.write(`Error: ${outcome.sentence}\n`)
  process.exitCode = outcome.exitCode
  if (notWritten) {
    process.stderr.write(`Error: ${notWritten}\n`)
    process.exitCode = ExitCode.badInput
  }
}

/**
 * Ends `compare`: exit 4 when a cell's cache commands failed past the error limit (the cell is
 * in the table, with its warning, but in no verdict and no best mark), naming the cells.
 */
export function settleComparisonExit(comparison: Comparison): void {
  const failing = comparison.results.filter((result) => result.errorLimit?.exceeded)
  if (failing.length === 0) return
  const sentence =
    failing.length === 1
      ? `cell ${failing[0].cell.label}: ${errorLimitSentence(failing[0].errorLimit!)} It is left out of the verdict and the best marks.`
      : `cells ${failing.map((result) => result.cell.label).join(', ')}: more of their cache commands failed than --max-error-ratio allows (${errorRatioPercent(failing[0].errorLimit!.maxRatio)}): their figures describe a failing cache, and they are left out of the verdict and the best marks.`
  process.stderr.write(`Error: ${sentence}\n`)
  process.exitCode = ExitCode.tooManyErrors
}

/** The reason the result could not be written to `path`, or undefined once it is there. */
export async function writeResult(path: string, result: Result): Promise<string | undefined> {
  try {
    await writeJsonFile(path, result)
    return undefined
  } catch (error) {
    return `--out: ${(error as Error).message.replace(/\.$/, '')}; nothing was written there, so the result is only in the report printed above.`
  }
}
