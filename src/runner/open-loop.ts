import type {Clock} from '../time/clock.js'
import type {MeasurementWindow, OperationRunner} from './closed-loop.js'
import type {LoadPlan} from './load-plan.js'
import type {ArrivalSchedule} from './arrival-schedule.js'

export interface OpenLoopOutcome extends MeasurementWindow {
  /** Measured starts that found `maxInFlight` operations in flight and were skipped. */
  dropped: number
  /** Measured starts that left more than LATE_START_MS after their intended time. */
  lateStarts: number
}

/** A start this much behind schedule counts as late: the generator itself could not keep up. */
export const LATE_START_MS = 1
/** Starts launched before the dispatcher lets completions in. */
const MAX_STARTS_PER_TURN = 512
/**
 * Wall clock: the dispatcher wakes at most once per this long and starts every operation due by
 * then in that one turn, instead of a loop turn per start. Response time is measured from each
 * intended start, so the batching delay is counted, not hidden; half the late-start threshold
 * keeps batching alone from marking a start late.
 */
export const DISPATCH_QUANTUM_MS = LATE_START_MS / 2

/**
 * Open loop: operations start at absolute intended times, however slowly earlier ones complete,
 * as real users arrive. Each operation's latency is measured from its intended start, so a
 * stalled server shows up in the percentiles instead of silently slowing the load
 * (coordinated omission).
 */
export async function runOpenLoop(
  plan: LoadPlan & {maxInFlight: number},
  clock: Clock,
  schedule: ArrivalSchedule,
  runOperation: OperationRunner,
  onMeasurementStart: () => void,
  stop?: AbortSignal,
): Promise<OpenLoopOutcome> {
  const outcome: OpenLoopOutcome = {start: undefined, end: 0, issued: 0, dropped: 0, lateStarts: 0}
  const freeSlots = Array.from({length: plan.maxInFlight}, (_, index) => plan.maxInFlight - 1 - index)
  let inFlight = 0
  let allDone: (() => void) | undefined
  let intended = 0
  // Sequence in the whole run's stream (see runClosedLoop); one part of a run follows the whole
  // run's arrival schedule and starts only its own operations, at the whole run's times.
  let drawn = 0
  let claimed = false

  const finished = (slot: number, measured: boolean): void => {
    freeSlots.push(slot)
    inFlight--
    if (measured) outcome.end = Math.max(outcome.end, clock.now())
    if (inFlight === 0) allDone?.()
  }

  const moreToStart = (): boolean =>
    !stop?.aborted && (plan.operations === null || drawn < plan.operations) && (plan.durationMs === null || intended < plan.durationMs)

  /** Passes over other parts' arrivals without waiting for them; true when an own arrival is next. */
  const ownArrivalNext = (): boolean => {
    while (!claimed && moreToStart()) {
      if (runOperation.claim === undefined || runOperation.claim()) claimed = true
      else {
        drawn++
        intended += schedule.nextGap()
      }
    }
    return claimed && moreToStart()
  }

  // Simulated time costs nothing per turn: each start keeps its exact instant there.
  const quantum = clock.kind === 'real' ? DISPATCH_QUANTUM_MS : 0
  let turnAt = -Infinity
  while (ownArrivalNext()) {
    const wait = Math.max(intended, turnAt + quantum) - clock.now()
    // Starts tolerate up to LATE_START_MS of lateness, so the dispatcher never polls for a precise
    // wake-up: a polling dispatcher keeps its core busy at any rate, and two workers polling on
    // two cores starve each other and the server under test.
    if (wait > 0) await (clock.sleepAtLeast ?? clock.sleep).call(clock, wait)
    turnAt = clock.now()
    let started = 0
    while (ownArrivalNext() && intended <= clock.now() && started < MAX_STARTS_PER_TURN) {
      claimed = false
      const sequence = drawn++
      outcome.issued++
      const measured = sequence >= plan.warmupOperations && intended >= plan.warmupMs
      if (measured && outcome.start === undefined) {
        outcome.start = intended
        onMeasurementStart()
      }
      const slot = freeSlots.pop()
      if (slot === undefined) {
        if (measured) outcome.dropped++
      } else {
        if (measured && clock.now() - intended > LATE_START_MS) outcome.lateStarts++
        inFlight++
        void runOperation(slot, measured, intended).then(() => finished(slot, measured))
      }
      intended += schedule.nextGap()
      started++
    }
    await clock.tick()
  }
  if (inFlight > 0) await new Promise<void>((resolve) => (allDone = resolve))
  return outcome
}
