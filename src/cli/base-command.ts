import {Command, Errors, Flags} from '@oclif/core'
import {CacheBenchError, ExitCode} from '../errors.js'
import {parseErrorSentence} from './parse-error-sentence.js'

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
    const exitCode = exitCodeOf(error)
    const sentence = error.oclif?.exit === 2 ? parseErrorSentence(error.message, commandName(this.id), this.knownFlags()) : error.message.split('\n')[0].replace(/^Error: /, '')
    process.stderr.write(`Error: ${sentence}\n`)
    if (debug && error.stack) process.stderr.write(`${causeOf(error).stack ?? error.stack}\n`)
    else if (exitCode === ExitCode.internalError) {
      process.stderr.write('(an unexpected error in cache-bench; run again with --debug to see where it happened)\n')
    }
    return this.exit(exitCode)
  }

  /** The long names of every flag this command accepts, for suggesting one in place of a mistyped flag. */
  private knownFlags(): string[] {
    const names = [...Object.keys(this.ctor.baseFlags ?? {}), ...Object.keys(this.ctor.flags ?? {})]
    return this.ctor.enableJsonFlag ? [...names, 'json'] : names
  }
}

/** An internal error wraps what was thrown where the bug is; --debug shows that stack. */
function causeOf(error: Error): Error {
  return error.cause instanceof Error ? error.cause : error
}

/** An error that is neither ours nor oclif's is a bug: exit 5, never 3 ("target unreachable"). */
export function exitCodeOf(error: Error & {oclif?: {exit?: number}}): number {
  if (error instanceof CacheBenchError) return error.exitCode
  if (error.oclif !== undefined) return error.oclif.exit === 2 ? ExitCode.badInput : ExitCode.targetFailed
  return ExitCode.internalError
}

/** A command as the user types it: topics and their commands are separated by spaces (package.json's topicSeparator), not oclif's colons. */
function commandName(id: string | undefined): string {
  return (id ?? '').replaceAll(':', ' ')
}
