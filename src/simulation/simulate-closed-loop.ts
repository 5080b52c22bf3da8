import {ClosedLoopStarts, type MeasurementStartListener, type MeasurementWindow} from '../runner/closed-loop.js'
import {createIssueCheck, type LoadPlan} from '../runner/load-plan.js'
import {GuardedEvents} from './guarded-events.js'
import type {LoadParts, PartsRoute} from './simulate-open-loop.js'
import {SimulatedSlot, type SimulationParts} from './simulated-slot.js'

export interface ClosedLoopSimulation {
  /** One per phase; a run without phases has one. */
  parts: readonly LoadParts[]
  /** Needed with more than one `parts`. */
  route?: PartsRoute
  /** Phased runs: the slots wanted at a time; a slot retires, or others join, as an operation is about to start. */
  slotsAt?: (time: number) => number
  plan: LoadPlan
  onMeasurementStart: MeasurementStartListener
  /** Told when the load has ended, as the async path's `load.then` is (events stop happening). */
  onLoadOver?: () => void
  stop?: AbortSignal
}

/**
 * The closed loop of runner/closed-loop.ts on the simulation core: `concurrency` slots, each
 * starting its next operation as soon as the previous one completes, every step an event of
 * the virtual clock run synchronously. Same draws, same order, same window as the async loop.
 */
export async function simulateClosedLoop(simulation: ClosedLoopSimulation): Promise<MeasurementWindow> {
  const {plan, onMeasurementStart, stop, slotsAt} = simulation
  const clock = simulation.parts[0].clock
  const route = simulation.route ?? {phaseOf: () => 0, claim: simulation.parts[0].sources.claim}
  const starts = new ClosedLoopStarts(plan, onMeasurementStart, route.claim)
  const guarded = new GuardedEvents(clock, stop)
  const issueCheck = createIssueCheck(plan, clock, guarded.signal)
  const running: boolean[] = []
  let runningCount = 0
  const strategy = simulation.parts[0].strategy

  /** Starts operations in slot `index` until one has to wait, the slot retires or the load is over. */
  const run = (index: number): void => {
    while (issueCheck(starts.drawn)) {
      if (slotsAt) {
        const wanted = slotsAt(clock.now())
        if (index >= wanted) {
          running[index] = false
          runningCount--
          return
        }
        fillSlots(wanted)
      }
      const now = clock.now()
      const measured = starts.take(now)
      if (measured === undefined) continue
      const phase = route.phaseOf(now)
      const slot = (slots[phase][index] ??= new SimulatedSlot(parts[phase], index))
      if (!slot.start(measured, now)) return
      starts.ended(measured, clock.now())
      if (!clock.continueInPlace()) return clock.handOff(continuation(index))
    }
    running[index] = false
    // The load is over once its last slot stops (as the async loop resolves): background work still waiting is counted, none starts.
    if (--runningCount === 0) {
      simulation.onLoadOver?.()
      strategy.stop?.()
    }
  }

  const operationDone = (slot: SimulatedSlot): void => {
    starts.ended(slot.measured, clock.now())
    if (clock.continueInPlace()) run(slot.index)
    else clock.handOff(continuation(slot.index))
  }
  // A slot's operation runs from `run`, which has nothing left to do but return when it waits.
  const parts = simulation.parts.map((phaseParts): SimulationParts => ({...phaseParts, operationDone, stepsInPlace: true}))
  // Per phase, made on first use.
  const slots: SimulatedSlot[][] = parts.map(() => [])
  // Made once per slot, so handing a slot on allocates nothing.
  const continuations: Array<() => void> = []
  const continuation = (index: number): (() => void) => (continuations[index] ??= () => run(index))

  /** Starts the slots below `wanted` not yet running, each as an event of its own, in slot order. */
  function fillSlots(wanted: number): void {
    for (let index = 0; index < wanted; index++) {
      if (running[index]) continue
      running[index] = true
      runningCount++
      clock.handOff(continuation(index))
    }
  }
  fillSlots(slotsAt ? slotsAt(clock.now()) : plan.concurrency)
  await guarded.runAll()
  return starts.window
}
