import {appendRepetition, gateAgainstBaseline, type BaselineGates} from '../diff/run-baseline.js'
import type {Result} from '../metrics/result.js'
import {writeJsonFile} from '../report/json.js'
import {writeResult} from './run-outcome.js'

export interface KeepOptions {
  /** `--out FILE`. */
  out?: string
  /** `--repeat-into FILE`. */
  repeatInto?: string
  /** `--baseline FILE --fail-on …`. */
  baseline?: BaselineGates
}

/**
 * A finished run's result, kept where its flags say and gated against the baseline. The run's
 * own result is written before the gates, so a baseline that turns out not to be comparable
 * does not lose it. `notWritten` says why `--out` could not be written, for after the report.
 */
export async function keepResult(measured: Result, options: KeepOptions): Promise<{result: Result; notWritten?: string}> {
  if (options.repeatInto && measured.complete) await writeJsonFile(options.repeatInto, await appendRepetition(options.repeatInto, measured))
  let result = measured
  let notWritten: string | undefined
  const save = async (): Promise<void> => {
    if (options.out) notWritten = await writeResult(options.out, result)
  }
  if (options.baseline && result.complete) {
    await save()
    result = gateAgainstBaseline(result, options.baseline)
  }
  await save()
  return {result, notWritten}
}
