import {Command, Errors, Flags} from '@oclif/core'
import {CacheBenchError, ExitCode} from '../errors.js'

/**
 * Shared behaviour of every command: `--json`, `--debug`, and errors as one sentence on stderr
 * with the documented exit code (docs/contracts.md, Exit codes) — never a stack trace unless `--debug`.
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    debug: Flags.boolean({description: 'Show stack traces of errors.', helpGroup: 'GLOBAL'}),
  }

  protected override async catch(error: Error & {oclif?: {exit?: number}}): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error
    const debug = this.argv.includes('--debug')
    const exitCode =
      error instanceof CacheBenchError ? error.exitCode : error.oclif?.exit === 2 ? ExitCode.badInput : ExitCode.targetFailed
    const sentence = error.message.split('\n')[0].replace(/^Error: /, '')
    process.stderr.write(`Error: ${sentence}\n`)
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`)
    else if (!(error instanceof CacheBenchError) && error.oclif === undefined) {
      process.stderr.write('(an unexpected error; run again with --debug to see where it happened)\n')
    }
    return this.exit(exitCode)
  }
}
