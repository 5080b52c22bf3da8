/** Exit codes are a contract (docs/contracts.md, Exit codes): CI pipelines branch on them. */
export const ExitCode = {
  ok: 0,
  thresholdFailed: 1,
  badInput: 2,
  targetFailed: 3,
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
