import {ExitCode} from '../errors.js'
import {writeFailureReason} from '../report/write-file-atomic.js'

/**
 * A report or result that cannot be written to standard output ends the command with one sentence
 * on stderr and exit 2, as a result that cannot be written to --out does: `run --json > r.json`
 * on a full disk must not end as a crash with a stack trace (oclif rethrows such errors from the
 * stream's error event), nor, worse, as a success with a truncated file. A reader that went away
 * (EPIPE: `| head`) is not an error: what it wanted it has.
 */
export function guardStandardOutput(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.removeAllListeners('error')
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return
    process.stderr.write(`Error: the output could not be written to standard output: ${writeFailureReason(error)}; nothing more was written.\n`)
    process.exit(ExitCode.badInput)
  })
}
