import {InputError} from '../../src/errors.js'
import type {CliRun} from './cli.js'

/**
 * A command's outcome reached in this process through the functions it calls, for the variations
 * a test does not start the command for: what `action` says it printed, or exit 2 and the one
 * sentence the command prints for bad input. Anything else is a failure of the test.
 */
export async function inProcess(action: () => Promise<Partial<CliRun> & {stdout: string}>): Promise<CliRun> {
  try {
    return {exitCode: 0, stderr: '', ...(await action())}
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return {exitCode: error.exitCode, stdout: '', stderr: `Error: ${error.message}\n`}
  }
}
