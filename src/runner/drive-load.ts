import type {Strategy} from '../strategies/strategy.js'
import type {BackgroundWork} from './background-work.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {Workload} from '../workload/types.js'
import {openLoopArrivals, type ArrivalSchedule} from './arrival-schedule.js'
import type {Clock} from '../time/clock.js'
import {runClosedLoop, type MeasurementStartListener, type MeasurementWindow, type OperationRunner} from './closed-loop.js'
import {guardOperations} from './guarded-operation.js'
import type {LoadPlan} from './load-plan.js'
import {runOpenLoop} from './open-loop.js'
import type {PhasedLoad} from './phases.js'
import {withEventsAndBackgroundWork, type EventRecord, type RunEvent} from './run-events.js'
import {VirtualClock} from '../time/virtual-clock.js'

export interface LoadDriveOutcome extends MeasurementWindow {
  mode: 'closed' | 'open'
  dropped: number
  lateStarts: number
  /** Open loop: where its schedule's starts ended (see OpenLoopOutcome). */
  scheduleEnd?: number
}

export interface LoadDrive {
  workload: Workload
  /** Phased runs: the open loop's arrivals and the closed loop's slots follow the phases. */
  phases?: PhasedLoad
  plan: LoadPlan
  /** Arrivals of an open loop without a rate (a trace's timestamps). */
  arrivals?: ArrivalSchedule
  clock: Clock
  target: CacheTarget
  strategy: Strategy
  /** Where the operation runner's steps track the flows the strategy starts beside operations. */
  background?: BackgroundWork
  runOperation: OperationRunner
  onMeasurementStart: MeasurementStartListener
  events: readonly RunEvent[]
  /** Receives the events as they happened. */
  eventLog?: EventRecord[]
  stop?: AbortSignal
}

/**
 * Applies the load — an open loop when the workload gives a rate, else a closed loop — with
 * the workload's events and the strategy's background work, and runs simulated time when the
 * clock is simulated.
 */
export async function driveLoad(drive: LoadDrive): Promise<LoadDriveOutcome> {
  const {workload, plan, clock} = drive
  const phases = drive.phases
  const stopping = new AbortController()
  const stop = stopping.signal
  if (drive.stop?.aborted) stopping.abort()
  const forwardStop = (): void => stopping.abort()
  drive.stop?.addEventListener('abort', forwardStop, {once: true})
  const guard = guardOperations(drive.runOperation, forwardStop)
  const arrivals = openLoopArrivals(workload, drive.arrivals, phases)
  const load = (): Promise<LoadDriveOutcome> =>
    arrivals === undefined
      ? runClosedLoop(plan, clock, guard.runOperation, drive.onMeasurementStart, stop, phases && ((time) => phases.slotsAt(time))).then((window) => ({
          ...window,
          mode: 'closed' as const,
          dropped: 0,
          lateStarts: 0,
        }))
      : runOpenLoop(
          {...plan, maxInFlight: workload.load.maxInFlight},
          clock,
          arrivals,
          guard.runOperation,
          drive.onMeasurementStart,
          stop,
        ).then((outcome) => ({...outcome, mode: 'open' as const}))
  const withBackground = withEventsAndBackgroundWork(load, {clock, target: drive.target, strategy: drive.strategy, background: drive.background, events: drive.events, log: drive.eventLog})
  try {
    const [outcome] = await Promise.all([withBackground, clock instanceof VirtualClock ? clock.drive() : undefined])
    guard.rethrow()
    return outcome
  } finally {
    drive.stop?.removeEventListener('abort', forwardStop)
  }
}
