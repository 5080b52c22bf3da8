import type {Clock} from '../time/clock.js'
import {createIssueCheck, type LoadPlan} from './load-plan.js'

/**
 * Runs one operation; `slot` identifies the in-flight position. `intendedStart` is when the
 * load meant it to start: latency is measured from there (coordinated omission), and service
 * time from the actual start.
 */
export type OperationRunner = ((slot: number, measured: boolean, intendedStart: number) => Promise<void>) & {
  /**
   * Present when the runner executes one part of the run: draws the next operation of the whole
   * stream and says whether it is this part's. Another part's operation is skipped at once.
   */
  claim?: () => boolean
  /** Present where the runner can report through a callback instead of a promise (the callback path): see OperationStarter. */
  start?: OperationStarter
}

/** Why an operation failed (an error escaped it), handed to its OperationDone; absent when it succeeded. */
export interface OperationFailure {
  error: unknown
}

/** Told once when an operation is over; a slot passes the same function for every operation it starts. */
export type OperationDone = (failure?: OperationFailure) => void

/** Runs one operation as the runner's call does, and tells `done` when it is over instead of settling a promise. */
export type OperationStarter = (slot: number, measured: boolean, intendedStart: number, done: OperationDone) => void

export interface MeasurementWindow {
  /** Start of the first measured operation, or undefined when none ran. */
  start: number | undefined
  /** End of the last measured operation. */
  end: number
  /** Operations issued, warm-up included. */
  issued: number
}

/** Told when the first measured operation (intended to) start(s): the timeline counts from there. */
export type MeasurementStartListener = (start: number) => void

/**
 * The start of a closed loop's next operation, shared by the async loop and the simulation core:
 * draws it from the whole run's stream, and says whether it is this part's to run (undefined
 * when another part's) and whether it is measured, telling `onMeasurementStart` at the first.
 */
export class ClosedLoopStarts {
  /**
   * Sequence in the whole run's stream: the operation count and the warm-up go by it, so one
   * part of a run stops and warms up where the whole run would. Equals `window.issued` for a whole run.
   */
  drawn = 0
  readonly window: MeasurementWindow = {start: undefined, end: 0, issued: 0}

  constructor(
    private readonly plan: LoadPlan,
    private readonly onMeasurementStart: MeasurementStartListener,
    private readonly claim: (() => boolean) | undefined,
  ) {}

  /** The next operation, intended to start at `now`: whether it counts, or undefined when it is not this part's. */
  take(now: number): boolean | undefined {
    const sequence = this.drawn++
    if (this.claim?.() === false) return undefined
    const window = this.window
    window.issued++
    const measured = sequence >= this.plan.warmupOperations && now >= this.plan.warmupMs
    if (measured && window.start === undefined) {
      window.start = now
      this.onMeasurementStart(now)
    }
    return measured
  }

  /** An operation ended at `now`: a measured one extends the window. */
  ended(measured: boolean, now: number): void {
    if (measured && now > this.window.end) this.window.end = now
  }
}

/** Operations between yields to the event loop, so timers and signals are served during any run. */
const OPERATIONS_PER_TURN = 4096
/** What `issue` answers instead of an intended start: the slot retires, or the operation was another part's. */
const RETIRE = Number.NEGATIVE_INFINITY
const SKIP = -Number.MAX_VALUE

/**
 * Closed loop: `concurrency` slots, each starting its next operation as soon as the previous one
 * completes (memtier's and YCSB's model). Throughput is whatever the system under test allows.
 */
export async function runClosedLoop(
  plan: LoadPlan,
  clock: Clock,
  runOperation: OperationRunner,
  onMeasurementStart: MeasurementStartListener,
  stop?: AbortSignal,
  /** Phased runs: the slots wanted at a time; slots are added or retired as an operation is about to start. */
  slotsAt?: (time: number) => number,
): Promise<MeasurementWindow> {
  const starts = new ClosedLoopStarts(plan, onMeasurementStart, runOperation.claim)
  const issueCheck = createIssueCheck(plan, clock, stop)
  const mayIssue = (): boolean => issueCheck(starts.drawn)

  /** Whether a slot yields to the event loop before its next operation, so timers and signals are served. */
  const turnEnds = (): boolean => (starts.drawn & (OPERATIONS_PER_TURN - 1)) === OPERATIONS_PER_TURN - 1
  /** The intended start of the operation a slot issues next, or RETIRE, or SKIP (another part's operation). */
  const issue = (slot: number): number => {
    if (slotsAt) {
      const wanted = slotsAt(clock.now())
      if (slot >= wanted) return RETIRE
      fillSlots(wanted)
    }
    // One reading of the clock decides warm-up and is the intended start: the next is the
    // operation's own, so its latency is measured from a moment no later than it began.
    const now = clock.now()
    const measured = starts.take(now)
    if (measured === undefined) return SKIP
    measuredNext = measured
    return now
  }
  let measuredNext = false
  const ended = (measured: boolean): void => starts.ended(measured, clock.now())

  const worker = async (slot: number): Promise<void> => {
    while (mayIssue()) {
      // The check is asked again only after a yield: nothing else can change its answer.
      if (turnEnds()) {
        await clock.tick()
        if (!mayIssue()) break
      }
      const now = issue(slot)
      if (now === RETIRE) break
      if (now === SKIP) continue
      const measured = measuredNext
      await runOperation(slot, measured, now)
      ended(measured)
      if (clock.othersDueNow()) await new Promise<void>((resolve) => clock.handOff(resolve))
    }
    running.delete(slot)
  }

  /**
   * The same loop for a runner that reports through callbacks (OperationRunner.start): each
   * operation's end issues the slot's next from inside the reply that ended it, with no promise
   * and no microtask turn per operation.
   */
  const callbackWorker = (slot: number, start: OperationStarter): Promise<void> =>
    new Promise<void>((retire, fail) => {
      let measured = false
      /** Set while `start` runs: an operation that ends inside it is taken up by the loop below rather than by a nested one. */
      let starting = false
      let endedWhileStarting = false
      const done: OperationDone = (failure) => {
        if (failure !== undefined) {
          running.delete(slot)
          return fail(failure.error)
        }
        ended(measured)
        if (starting) endedWhileStarting = true
        else if (clock.othersDueNow()) clock.handOff(nextNow)
        else next(false)
      }
      /** Issues the slot's operations until one has to be waited for; `afterTick`: the yield due now was just taken. */
      const next = (afterTick: boolean): void => {
        for (;;) {
          if (!mayIssue()) break
          if (!afterTick && turnEnds()) return void clock.tick().then(nextAfterTick, fail)
          afterTick = false
          const now = issue(slot)
          if (now === RETIRE) break
          if (now === SKIP) continue
          measured = measuredNext
          starting = true
          endedWhileStarting = false
          start(slot, measured, now, done)
          starting = false
          if (!endedWhileStarting) return
          if (clock.othersDueNow()) return clock.handOff(nextNow)
        }
        running.delete(slot)
        retire()
      }
      const nextAfterTick = (): void => next(true)
      const nextNow = (): void => next(false)
      next(false)
    })

  const running = new Set<number>()
  const workers: Array<Promise<void>> = []
  function fillSlots(wanted: number): void {
    for (let slot = 0; slot < wanted; slot++) {
      if (running.has(slot)) continue
      running.add(slot)
      // Through the clock, so simulated slots start in slot order, each as an event of its own.
      const start = runOperation.start
      const done = new Promise<void>((resolve) => clock.handOff(resolve)).then(() => (start ? callbackWorker(slot, start) : worker(slot)))
      // Awaited below; until then a failure must not count as unhandled.
      done.catch(() => undefined)
      workers.push(done)
    }
  }
  fillSlots(slotsAt ? slotsAt(clock.now()) : plan.concurrency)
  // Workers added while waiting are waited for in the next round.
  for (let waited = 0; waited < workers.length; ) {
    const round = workers.slice(waited)
    waited = workers.length
    await Promise.all(round)
  }
  return starts.window
}
