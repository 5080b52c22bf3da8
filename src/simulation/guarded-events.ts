import {throwOperationFailure} from '../runner/guarded-operation.js'
import type {VirtualClock} from '../time/virtual-clock.js'

/** Events run between turns of the event loop, so progress timers and Ctrl-C are served. */
const EVENTS_PER_TURN = 16_384

/**
 * The guarded path of runner/guarded-operation.ts on the simulation core: the first failure
 * stops the load (`signal` aborts), the operations in flight finish, and the run ends with
 * that error. A stop from outside aborts `signal` too.
 */
export class GuardedEvents {
  private readonly stopping = new AbortController()
  readonly signal: AbortSignal = this.stopping.signal
  private readonly forwardStop = (): void => this.stopping.abort()

  constructor(
    private readonly clock: VirtualClock,
    private readonly stop?: AbortSignal,
  ) {
    if (stop?.aborted) this.stopping.abort()
    stop?.addEventListener('abort', this.forwardStop, {once: true})
  }

  /** Runs the clock's events until none is left, then throws the first failure, if any. */
  async runAll(): Promise<void> {
    const {clock, stop, stopping} = this
    let failure: {error: unknown} | undefined
    try {
      for (;;) {
        try {
          if (clock.runEvents(EVENTS_PER_TURN) === 0) break
        } catch (error) {
          // The event that threw is already off the heap: the others run on, without new operations.
          failure ??= {error}
          stopping.abort()
        }
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    } finally {
      stop?.removeEventListener('abort', this.forwardStop)
    }
    if (failure) throwOperationFailure(failure.error)
  }
}
