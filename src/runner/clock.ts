/**
 * The run's notion of time, in milliseconds since the run started. Everything that measures or
 * waits goes through it, so the same runner drives simulated time on the builtin target and
 * wall-clock time against real servers.
 */
export interface Clock {
  readonly kind: 'virtual' | 'real'
  now(): number
  /** Resolves once `ms` has passed on this clock; `ms <= 0` resolves without waiting for time. */
  sleep(ms: number): Promise<void>
  /** Lets pending I/O run (a macrotask turn on the wall clock); takes no simulated time. */
  tick(): Promise<void>
  /**
   * Wall clock: moves the zero to now, the moment the load can start, so that the set-up before
   * it (key tables, distribution constants, connections) is in no figure and no schedule. A
   * simulated clock has spent no time on set-up and has nothing to move.
   */
  startLoad?(): void
}
