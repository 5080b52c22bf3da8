import type {Clock} from '../time/clock.js'
import type {MeasurementStartListener, OperationRunner} from './closed-loop.js'
import type {LoadPlan} from './load-plan.js'
import type {ArrivalSchedule} from './arrival-schedule.js'
import {LATE_START_MS, OpenLoopArrivals, type OpenLoopOutcome} from './open-loop-arrivals.js'

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
  onMeasurementStart: MeasurementStartListener,
  stop?: AbortSignal,
): Promise<OpenLoopOutcome> {
  const arrivals = new OpenLoopArrivals(plan, schedule, runOperation.claim, stop, onMeasurementStart)
  const freeSlots = Array.from({length: plan.maxInFlight}, (_, index) => plan.maxInFlight - 1 - index)
  let inFlight = 0
  let allDone: (() => void) | undefined

  const finished = (slot: number, measured: boolean): void => {
    freeSlots.push(slot)
    inFlight--
    arrivals.finished(measured, clock.now())
    if (inFlight === 0) allDone?.()
  }

  // Simulated time costs nothing per turn: each start keeps its exact instant there, and has a
  // turn of its own, so it runs up to its first wait before the next starts, as on the core.
  const quantum = clock.kind === 'real' ? DISPATCH_QUANTUM_MS : 0
  const startsPerTurn = clock.kind === 'real' ? MAX_STARTS_PER_TURN : 1
  let turnAt = -Infinity
  while (arrivals.ownArrivalNext()) {
    const wait = Math.max(arrivals.intended, turnAt + quantum) - clock.now()
    // Starts tolerate up to LATE_START_MS of lateness, so the dispatcher never polls for a precise
    // wake-up: a polling dispatcher keeps its core busy at any rate, and two workers polling on
    // two cores starve each other and the server under test.
    if (wait > 0) await clock.sleepAtLeast(wait)
    // One reading of the clock for the whole turn: its starts leave within µs of each other.
    turnAt = clock.now()
    let started = 0
    while (arrivals.ownArrivalNext() && arrivals.intended <= turnAt && started < startsPerTurn) {
      const slot = freeSlots.pop()
      const measured = arrivals.issue(turnAt, slot !== undefined)
      if (slot !== undefined) {
        inFlight++
        void runOperation(slot, measured, arrivals.intended).then(() => finished(slot, measured))
      }
      arrivals.advance()
      started++
    }
    // On the wall clock the next turn's sleep lets replies in; a turn of its own is only needed
    // when that sleep would not wait (a turn that took longer than the quantum). Simulated time
    // takes the turn always, so same-instant events keep their order.
    if (clock.kind !== 'real' || Math.max(arrivals.intended, turnAt + quantum) <= clock.now()) await clock.tick()
  }
  if (inFlight > 0) await new Promise<void>((resolve) => (allDone = resolve))
  return arrivals.outcome
}
