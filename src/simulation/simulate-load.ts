import type {RunMetrics} from '../metrics/run-metrics.js'
import type {SimulatedOrigin} from '../origin/simulated-origin.js'
import type {Clock} from '../time/clock.js'
import type {LoadDriveOutcome} from '../runner/drive-load.js'
import {openLoopArrivals, type ArrivalSchedule} from '../runner/arrival-schedule.js'
import type {MeasurementStartListener} from '../runner/closed-loop.js'
import {allImmediate, type EventRecord, type ImmediateControl, type RunEvent} from '../runner/event-record.js'
import type {LoadPlan} from '../runner/load-plan.js'
import type {OperationSources} from '../runner/partition.js'
import type {PhasedLoad, PhaseRunnerParts} from '../runner/phases.js'
import {VirtualClock} from '../time/virtual-clock.js'
import type {Strategy} from '../strategies/strategy.js'
import type {CacheTarget} from '../targets/cache-target.js'
import {mixesOf, structureOperationsOf, type Workload} from '../workload/types.js'
import {simulateClosedLoop} from './simulate-closed-loop.js'
import {SimulatedEvents} from './simulated-events.js'
import {simulateOpenLoop, type LoadParts, type PartsRoute} from './simulate-open-loop.js'

/** Which engine runs a load on simulated time; `async` is the reference the simulation core is checked against. */
export type SimulationEngine = 'simulation' | 'async'

export interface LoadSimulation {
  workload: Workload
  plan: LoadPlan
  clock: Clock
  target: CacheTarget
  origin: SimulatedOrigin
  strategy: Strategy
  metrics: RunMetrics
  sources: OperationSources
  events: readonly RunEvent[]
  /** Receives the events as they happened. */
  eventLog?: EventRecord[]
  /** Arrivals of an open loop without a rate (a trace's timestamps). */
  arrivals?: ArrivalSchedule
  /** A phased run: the phases, and what each phase's operations draw from. */
  phases?: {load: PhasedLoad; sourcesOf(phase: PhaseRunnerParts): OperationSources}
  onMeasurementStart: MeasurementStartListener
  stop?: AbortSignal
}

/**
 * Why the simulation core cannot run this load (it then runs on the async path, with the same
 * figures, only slower), or null when it can. The core runs closed and open loops (a rate, or a
 * trace's timestamps), with or without phases, of reads, writes, deletes and data-structure
 * operations on a simulated cache, with every strategy, and the events the target carries out at
 * once. An event's shell command (`command:`) acts on a real server in wall-clock time, so it
 * keeps the async path (builtin:// refuses it anyway).
 */
export function simulationRefusal(load: Omit<LoadSimulation, 'onMeasurementStart' | 'sources' | 'plan' | 'phases'>): string | null {
  if (!(load.clock instanceof VirtualClock) || load.target.simulated === undefined) return 'the target is not simulated'
  if (load.events.length > 0 && !allImmediate(load.events, load.target.control)) {
    if (load.events.some((event) => event.command !== undefined)) return "an event's command: runs in wall-clock time"
    return 'this target cannot carry out events in simulated time'
  }
  const structures = mixesOf(load.workload).some((mix) => structureOperationsOf(mix).length > 0)
  if (structures && load.target.simulated.structuresNow === undefined) return 'this target has no data structures the core can run'
  return null
}

/** Whether the core runs the load: whenever it can, unless told `engine: 'simulation'`, which insists on it. */
export function simulationChosen(engine: SimulationEngine | undefined, refusal: string | null): boolean {
  if (refusal !== null && engine === 'simulation') throw new Error(`the simulation core cannot run this load: ${refusal}`)
  return refusal === null
}

/** Runs the load on the simulation core; call only when `simulationRefusal` is null. */
export async function simulateLoad(load: LoadSimulation): Promise<LoadDriveOutcome> {
  const parts: LoadParts = {
    clock: load.clock as VirtualClock,
    cache: load.target.simulated!,
    origin: load.origin,
    strategy: load.strategy,
    metrics: load.metrics,
    sources: load.sources,
  }
  const phases = load.phases
  const events = load.events.length > 0 ? new SimulatedEvents(parts.clock, load.target.control as ImmediateControl, load.strategy, load.eventLog ?? []) : undefined
  // The events' timers go first, as on the async path (withEventsAndBackgroundWork).
  events?.schedule(load.events)
  const onLoadOver = events && (() => events.loadOver())
  // As the async path builds its phase runners: one set of parts per phase, routed by start time.
  const phaseParts = phases?.load.perPhase((phase): LoadParts => ({...parts, metrics: phase.metrics, sources: phases.sourcesOf(phase)})) ?? [parts]
  const route: PartsRoute | undefined = phases?.load.router(phaseParts.map((part) => part.sources.claim))
  const schedule = openLoopArrivals(load.workload, load.arrivals, phases?.load)
  if (schedule) {
    const outcome = await simulateOpenLoop({
      parts: phaseParts,
      route,
      plan: {...load.plan, maxInFlight: load.workload.load.maxInFlight},
      schedule,
      onMeasurementStart: load.onMeasurementStart,
      onLoadOver,
      stop: load.stop,
    })
    return {...outcome, mode: 'open'}
  }
  const window = await simulateClosedLoop({
    parts: phaseParts,
    route,
    slotsAt: phases && ((time) => phases.load.slotsAt(time)),
    plan: load.plan,
    onMeasurementStart: load.onMeasurementStart,
    onLoadOver,
    stop: load.stop,
  })
  return {...window, mode: 'closed', dropped: 0, lateStarts: 0}
}
