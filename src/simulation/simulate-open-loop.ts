import type {ArrivalSchedule} from '../runner/arrival-schedule.js'
import type {MeasurementStartListener} from '../runner/closed-loop.js'
import type {LoadPlan} from '../runner/load-plan.js'
import {OpenLoopArrivals, type OpenLoopOutcome} from '../runner/open-loop-arrivals.js'
import {GuardedEvents} from './guarded-events.js'
import {SimulatedSlot, type SimulationParts} from './simulated-slot.js'

export type LoadParts = Omit<SimulationParts, 'operationDone' | 'openLoop'>

/** Which parts an operation runs with: a phased run's phase (see PhasedLoad.router). */
export interface PartsRoute {
  /** The index in `parts` of the operation starting at `intendedStart`. */
  phaseOf(intendedStart: number): number
  /** One part of a split run: draws the whole stream's next operation and says whether it is this part's. */
  claim?: () => boolean
}

export interface OpenLoopSimulation {
  /** One per phase; a run without phases has one. */
  parts: readonly LoadParts[]
  /** Needed with more than one `parts`. */
  route?: PartsRoute
  plan: LoadPlan & {maxInFlight: number}
  schedule: ArrivalSchedule
  onMeasurementStart: MeasurementStartListener
  /** Told when the load has ended, as the async path's `load.then` is (events stop happening). */
  onLoadOver?: () => void
  stop?: AbortSignal
}

/**
 * The open loop of runner/open-loop.ts on the simulation core: operations start at the
 * schedule's intended times on a free slot (or are dropped when `maxInFlight` are in flight),
 * each running synchronously up to its first wait before the next starts, and latency counts
 * from the intended start. Same arrivals, draws and order as the async loop, so same figures.
 */
export async function simulateOpenLoop(simulation: OpenLoopSimulation): Promise<OpenLoopOutcome> {
  const {plan, schedule, onMeasurementStart} = simulation
  const clock = simulation.parts[0].clock
  const route = simulation.route ?? {phaseOf: () => 0, claim: simulation.parts[0].sources.claim}
  const guarded = new GuardedEvents(clock, simulation.stop)
  const arrivals = new OpenLoopArrivals(plan, schedule, route.claim, guarded.signal, onMeasurementStart)
  // Free slot positions, the lowest on top, as the async loop hands them out.
  const freeSlots = Array.from({length: plan.maxInFlight}, (_, index) => plan.maxInFlight - 1 - index)
  const strategy = simulation.parts[0].strategy
  let over = false
  /** The load is over once nothing is left to start and nothing is in flight (as the async loop resolves): background work still waiting is counted, none starts. */
  const checkOver = (): void => {
    if (over || freeSlots.length < plan.maxInFlight || arrivals.ownArrivalNext()) return
    over = true
    simulation.onLoadOver?.()
    strategy.stop?.()
  }
  const operationDone = (slot: SimulatedSlot): void => {
    freeSlots.push(slot.index)
    arrivals.finished(slot.measured, clock.now())
  }
  // An operation that had to wait ends in an event of its own, which may be the load's last;
  // one that ends at once ends inside `dispatch`, which asks after its loop.
  const waitedOperationDone = (slot: SimulatedSlot): void => {
    operationDone(slot)
    checkOver()
  }
  const parts = simulation.parts.map((phaseParts): SimulationParts => ({...phaseParts, openLoop: true, operationDone: waitedOperationDone}))
  // Per phase, made on first use: an open loop may allow thousands in flight and use a few.
  const slots: SimulatedSlot[][] = parts.map(() => [])

  /** Starts every arrival due by now, then waits for the next one. */
  const dispatch = (): void => {
    while (arrivals.ownArrivalNext() && arrivals.intended <= clock.now()) {
      const index = freeSlots.pop()
      const measured = arrivals.issue(clock.now(), index !== undefined)
      if (index !== undefined) {
        const phase = route.phaseOf(arrivals.intended)
        const slot = (slots[phase][index] ??= new SimulatedSlot(parts[phase], index))
        if (slot.start(measured, arrivals.intended)) operationDone(slot)
      }
      arrivals.advance()
    }
    // Arrivals come due in the order they are scheduled: they queue without a heap entry while nothing later is queued (VirtualClock.afterInOrder).
    if (arrivals.ownArrivalNext()) clock.afterInOrder(arrivals.intended - clock.now(), dispatch)
    else checkOver()
  }

  // As an event, so a failure in the first operations stops the load as any later one does.
  clock.handOff(dispatch)
  await guarded.runAll()
  return arrivals.outcome
}
