import type {MeasurementWindow} from '../runner/closed-loop.js'
import {createIssueCheck, type LoadPlan} from '../runner/load-plan.js'
import {GuardedEvents} from './guarded-events.js'
import {SimulatedSlot, type SimulationParts} from './simulated-slot.js'

export interface ClosedLoopSimulation {
  parts: Omit<SimulationParts, 'operationDone'>
  plan: LoadPlan
  onMeasurementStart: () => void
  stop?: AbortSignal
}

/**
 * The closed loop of runner/closed-loop.ts on the simulation core: `concurrency` slots, each
 * starting its next operation as soon as the previous one completes, every step an event of
 * the virtual clock run synchronously. Same draws, same order, same window as the async loop.
 */
export async function simulateClosedLoop(simulation: ClosedLoopSimulation): Promise<MeasurementWindow> {
  const {plan, onMeasurementStart, stop} = simulation
  const {clock, sources} = simulation.parts
  const window: MeasurementWindow = {start: undefined, end: 0, issued: 0}
  let drawn = 0
  const guarded = new GuardedEvents(clock, stop)
  const issueCheck = createIssueCheck(plan, clock, guarded.signal)

  /** Starts operations in the slot until one has to wait or the load is over. */
  const run = (slot: SimulatedSlot): void => {
    while (issueCheck(drawn)) {
      const sequence = drawn++
      if (sources.claim?.() === false) continue
      window.issued++
      const now = clock.now()
      const measured = sequence >= plan.warmupOperations && now >= plan.warmupMs
      if (measured && window.start === undefined) {
        window.start = now
        onMeasurementStart()
      }
      if (!slot.start(measured, now)) return
      if (measured) window.end = Math.max(window.end, clock.now())
      if (clock.othersDueNow()) return clock.handOff(continuations[slot.index])
    }
  }

  const parts: SimulationParts = {
    ...simulation.parts,
    operationDone: (slot) => {
      if (slot.measured) window.end = Math.max(window.end, clock.now())
      if (clock.othersDueNow()) clock.handOff(continuations[slot.index])
      else run(slot)
    },
  }
  const slots = Array.from({length: plan.concurrency}, (_, index) => new SimulatedSlot(parts, index))
  // Made once per slot, so handing a slot on allocates nothing.
  const continuations = slots.map((slot) => () => run(slot))
  for (const continuation of continuations) clock.handOff(continuation)
  await guarded.runAll()
  return window
}
