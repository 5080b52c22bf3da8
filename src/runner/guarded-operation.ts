import {CacheBenchError, InternalError} from '../errors.js'
import type {OperationDone, OperationRunner} from './closed-loop.js'

const RESOLVED = Promise.resolve()

export interface GuardedRunner {
  runOperation: OperationRunner
  /** Rethrows the first failure, as a one-sentence error; call once the load has ended. */
  rethrow(): void
}

/**
 * One guarded path for every operation of both loops. Cache command failures are absorbed
 * further down (a failed get is a miss); anything that still escapes an operation is a bug or a
 * refusal raised mid-run. It must not become an unhandled rejection (the open loop does not
 * await its operations): the first one stops the load, the operations in flight finish, and the
 * run ends with that error — exit 2 or 3 when it says so, else 5.
 */
export function guardOperations(run: OperationRunner, stopLoad: () => void): GuardedRunner {
  let failure: unknown
  let failed = false
  const onFailure = (error: unknown): void => {
    if (!failed) {
      failed = true
      failure = error
      stopLoad()
    }
  }
  // A catch on the operation's own promise rather than an async wrapper around it: one promise
  // and its microtask turns fewer per operation.
  const runOperation: OperationRunner = (slot, measured, intendedStart) => {
    try {
      return run(slot, measured, intendedStart).catch(onFailure)
    } catch (error) {
      onFailure(error)
      return RESOLVED
    }
  }
  if (run.claim) runOperation.claim = run.claim
  const start = run.start
  if (start) {
    // A slot passes one `done` for all its operations (OperationDone), so its guarded `done` is
    // made once, and again only when the slot's loop is a new one.
    const guardedDone: OperationDone[] = []
    const loopDone: OperationDone[] = []
    runOperation.start = (slot, measured, intendedStart, done) => {
      let guarded = guardedDone[slot]
      if (loopDone[slot] !== done) {
        loopDone[slot] = done
        guarded = guardedDone[slot] = (failure) => {
          if (failure !== undefined) onFailure(failure.error)
          done()
        }
      }
      try {
        start(slot, measured, intendedStart, guarded)
      } catch (error) {
        onFailure(error)
        done()
      }
    }
  }
  return {
    runOperation,
    rethrow() {
      if (failed) throwOperationFailure(failure)
    },
  }
}

/** An operation's failure as the run reports it: exit 2 or 3 when the error says so, else 5. */
export function throwOperationFailure(failure: unknown): never {
  if (failure instanceof CacheBenchError) throw failure
  const reason = failure instanceof Error ? failure.message : String(failure)
  throw new InternalError(`An operation failed unexpectedly, so the run was stopped: ${reason.replace(/\.$/, '')}.`, failure)
}
