/**
 * The publishing side of a messaging run, on the same loops as cache workloads: an open loop of
 * intended publish times (latency counts from them, so a publisher that falls behind shows in
 * the figures) or a closed loop of publishers each sending its next message once the previous
 * one is acknowledged; phases change the rate or the number of publishers.
 */
import {createRandom, Stream} from '../generators/random.js'
import type {Clock} from '../time/clock.js'
import type {PhaseSpec, Workload} from '../workload/types.js'
import {createArrivalSchedule} from '../runner/arrival-schedule.js'
import {runClosedLoop, type OperationRunner} from '../runner/closed-loop.js'
import {guardOperations} from '../runner/guarded-operation.js'
import type {LoadPlan} from '../runner/load-plan.js'
import {runOpenLoop} from '../runner/open-loop.js'
import {PhasedArrivals} from '../runner/phase-arrivals.js'
import type {LoadDriveOutcome} from '../runner/drive-load.js'

/** Publishes one message: `publisher` is the connection it goes out on. */
export type PublishOne = (publisher: number, measured: boolean, intendedMs: number) => Promise<void>

export interface PublishLoad {
  workload: Workload
  plan: LoadPlan
  clock: Clock
  publishers: number
  publish: PublishOne
  onMeasurementStart: () => void
  stop: AbortSignal
}

export async function runPublishLoad(load: PublishLoad): Promise<LoadDriveOutcome> {
  const {workload, plan, clock, publishers} = load
  const rate = workload.load.rate
  let issued = 0
  // Open loop: a slot is an in-flight message, not a connection; messages take the publishers in turn.
  const run: OperationRunner = (slot, measured, intended) => load.publish(rate === null ? slot : issued++ % publishers, measured, intended)
  const stopping = new AbortController()
  const forwardStop = (): void => stopping.abort()
  if (load.stop.aborted) stopping.abort()
  load.stop.addEventListener('abort', forwardStop, {once: true})
  const guard = guardOperations(run, forwardStop)
  try {
    const outcome =
      rate === null
        ? {...(await runClosedLoop(plan, clock, guard.runOperation, load.onMeasurementStart, stopping.signal, slotsOf(workload.phases))), mode: 'closed' as const, dropped: 0, lateStarts: 0}
        : {...(await runOpenLoop({...plan, maxInFlight: workload.load.maxInFlight}, clock, arrivals(workload, rate), guard.runOperation, load.onMeasurementStart, stopping.signal)), mode: 'open' as const}
    guard.rethrow()
    return outcome
  } finally {
    load.stop.removeEventListener('abort', forwardStop)
  }
}

function arrivals(workload: Workload, rate: number) {
  const random = createRandom(workload.seed, Stream.arrivals)
  return workload.phases ? new PhasedArrivals(workload.phases, workload.load.arrival, random) : createArrivalSchedule(workload.load.arrival, rate, random)
}

/** Closed loop with phases: the publishers wanted at a time (a phase's concurrency). */
function slotsOf(phases: readonly PhaseSpec[] | undefined): ((time: number) => number) | undefined {
  if (!phases) return undefined
  return (time) => {
    let end = 0
    for (const phase of phases) {
      end += phase.durationMs
      if (time < end) return phase.concurrency ?? 1
    }
    return phases.at(-1)?.concurrency ?? 1
  }
}
