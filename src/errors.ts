/** Exit codes are a contract (docs/contracts.md, Exit codes): CI pipelines branch on them. */
export const ExitCode = {
  ok: 0,
  thresholdFailed: 1,
  badInput: 2,
  targetFailed: 3,
  /** The run completed, but more of its cache commands failed than the error limit allows. */
  tooManyErrors: 4,
  /** A bug in cache-bench itself, not in the input or the target. */
  internalError: 5,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** An error whose message is one sentence fit to show a user, and which knows its exit code. */
export class CacheBenchError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** Bad workload file, flag or URL: exit code 2. */
export class InputError extends CacheBenchError {
  constructor(message: string) {
    super(message, ExitCode.badInput)
  }
}

/** Target unreachable or the run aborted: exit code 3. */
export class TargetError extends CacheBenchError {
  constructor(message: string) {
    super(message, ExitCode.targetFailed)
  }
}

/** An operation failed in a way no input or target explains: exit code 5. Keeps the original as `cause` for --debug. */
export class InternalError extends CacheBenchError {
  constructor(message: string, cause?: unknown) {
    super(message, ExitCode.internalError)
    if (cause !== undefined) this.cause = cause
  }
}

/**
 * A file the user named (`what`: "workload file", "trace file") could not be opened or read: one
 * sentence saying whether it is missing, a directory, or unreadable for another reason.
 */
export function unreadableFile(what: string, file: string, cause: unknown): InputError {
  const code = (cause as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new InputError(`${what} "${file}" does not exist.`)
  if (code === 'EISDIR') return new InputError(`${what} "${file}" is a directory, not a file.`)
  return new InputError(`${what} "${file}" cannot be read (${code ?? (cause as Error).message}).`)
}

/** `text` ended as a sentence: a full stop added unless it ends with one, or with "?" or "!" (a server's own message may). */
export function asSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`
}
