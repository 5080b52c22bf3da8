import type {KeyDistribution} from '../generators/key-distribution.js'
import type {OperationMix} from '../generators/operation-mix.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import type {SimulatedOrigin} from '../origin/simulated-origin.js'
import type {Strategy} from '../strategies/strategy.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {Clock} from '../time/clock.js'
import type {OperationRunner} from './closed-loop.js'
import type {BackgroundWork} from './background-work.js'
import type {StructureOperation} from './structure-operations.js'
import {operationRecords} from './operation-records.js'
import {runFlow} from './run-flow.js'
import {TimedSteps} from './timed-steps.js'
import {FlowIo} from '../strategies/flow.js'

export interface OperationRunnerDeps {
  clock: Clock
  target: CacheTarget
  origin: SimulatedOrigin
  strategy: Strategy
  metrics: RunMetrics
  /** Where flows started beside operations are tracked, so the run waits for them. */
  background: BackgroundWork
  keys: KeyDistribution
  mix: OperationMix
  /** Open loop: also record service time (from the actual start) beside response time. */
  openLoop: boolean
  /** Sorted-set, hash and list operations; needed only when the mix draws them. */
  structures?: StructureOperation
}

/**
 * Picks the next operation and key, lets the strategy carry it out, then records its latency
 * and classifies a read as a hit or miss and as fresh or stale — the latter against the
 * origin's version at the moment the read completes.
 */
export function createOperationRunner(deps: OperationRunnerDeps): OperationRunner {
  const {clock, origin, strategy, metrics, keys, mix} = deps
  const {counters} = metrics
  // An open loop may have thousands of slots; most runs touch a few, so steps are made on first use.
  const steps: TimedSteps[] = []
  const ios: FlowIo[] = []
  const stepsFor = (slot: number): TimedSteps => (steps[slot] ??= new TimedSteps(clock, deps.target, origin, metrics, deps.background))
  const ioFor = (slot: number, slotSteps: TimedSteps): FlowIo => (ios[slot] ??= new FlowIo(slotSteps))

  // Synchronous recorders, called after the one await of the flow: each operation is a single
  // async function, not one per kind awaited by another.
  const records = operationRecords(clock, origin, metrics, deps.openLoop)
  const {actualStart} = records

  return async (slot, measured, intendedStart) => {
    const slotSteps = stepsFor(slot)
    slotSteps.measured = measured
    slotSteps.intendedStart = intendedStart
    if (measured) metrics.timeline?.started(intendedStart)
    const io = ioFor(slot, slotSteps)
    const kind = mix.next()
    if (kind === 'read') {
      const key = keys.nextKey()
      const start = actualStart(intendedStart)
      const answer = await runFlow(strategy.read(key, io), io, slotSteps, clock)
      if (measured) records.read(key, answer, start, intendedStart)
    } else if (kind === 'write' || kind === 'delete') {
      const key = kind === 'write' ? keys.nextWriteKey() : keys.nextKey()
      const start = actualStart(intendedStart)
      await runFlow(kind === 'write' ? strategy.write(key, io) : strategy.delete(key, io), io, slotSteps, clock)
      if (measured) records.change(kind, start, intendedStart)
    } else if (deps.structures) await deps.structures(kind, measured, intendedStart)
    else throw new Error(`the mix drew ${kind}, but the run has no structure operations`)
    if (measured) {
      counters.operations++
      metrics.timeline?.operation(intendedStart)
    }
    slotSteps.release()
  }
}
