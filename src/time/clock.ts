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
  /**
   * As `sleep`, for a waiter that tolerates waking somewhat late (tens of µs on the wall clock)
   * in exchange for spending no CPU on precision; on simulated time it is `sleep`.
   */
  sleepAtLeast(ms: number): Promise<void>
  /** Lets pending I/O run (a macrotask turn on the wall clock); takes no simulated time. */
  tick(): Promise<void>
  /**
   * Runs `resume` as the next step of someone else's work (a queued origin query admitted, a
   * load slot started): at once on the wall clock; in simulated time as an event of its own at
   * the current instant, after the events already due, so every simulation orders it alike.
   */
  handOff(resume: () => void): void
  /**
   * Whether other events are due at this very instant (simulated time only). A closed loop lets
   * them run before it starts its next operation, so operations completing together all
   * complete before any of their successors starts.
   */
  othersDueNow(): boolean
  /**
   * Wall clock: moves the zero to now, the moment the load can start, so that the set-up before
   * it (key tables, distribution constants, connections) is in no figure and no schedule. A
   * simulated clock has spent no time on set-up and has nothing to move.
   */
  startLoad?(): void
  /**
   * Wall clock: takes one reading and answers it to every now() until `release`, so the work a
   * reply sets off at once (its figures, the operation's end, the next operation's start and
   * send) reads the clock once instead of once per figure; false, with nothing held, when a
   * reading is already held (the caller then must not release it). A simulated clock has no
   * cost to save and holds nothing.
   */
  hold?(): boolean
  /** Ends the hold `hold` began. */
  release?(): void
}
