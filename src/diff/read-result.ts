import {InputError} from '../errors.js'
import {readResultFiles} from '../merge/read-parts.js'
import {RESULT_SCHEMA, type Result} from '../metrics/result.js'

const HINT = 'give result files written by "cache-bench run --out FILE"'

/** Reads one result file to diff; anything but a run's result is refused by name. */
export async function readResultFile(file: string): Promise<Result> {
  const [{result}] = await readResultFiles([file], HINT)
  if (typeof result !== 'object' || result === null || result.schema !== RESULT_SCHEMA) {
    throw new InputError(`${file} is not a ${RESULT_SCHEMA} result; ${HINT}.`)
  }
  return result
}
