import type {SimulationEngine} from '../simulation/simulate-load.js'
import type {CallbackCommands} from '../targets/callback-commands.js'
import type {CacheTarget} from '../targets/cache-target.js'
import {CallbackSlot, type CallbackParts} from './callback-slot.js'
import type {OperationRunner, OperationStarter} from './closed-loop.js'
import {operationRecords} from './operation-records.js'
import type {OperationRunnerDeps} from './operation-runner.js'
import {TimedSteps} from './timed-steps.js'

/** How a run on a real target sent its cache commands: with completion callbacks, or as promises. */
export type CommandPath = 'callbacks' | 'promises'

/**
 * The callback path's commands when this run may take it: the target offers them (a capability
 * of its client, see CallbackCommands), the run has no events (failures, failovers and pool
 * changes stay on the promise path, which their tests cover), and the run was not told to take
 * the promise path (`engine: 'async'`, the reference the callback path is checked against).
 */
export function callbackCommandsFor(target: CacheTarget, events: readonly unknown[], engine: SimulationEngine | undefined): CallbackCommands | undefined {
  if (engine === 'async' || events.length > 0) return undefined
  return target.callbacks
}

/**
 * The operation runner of the callback path: the same draws and figures as createOperationRunner,
 * with each slot's flow driven by a CallbackSlot and no promise per command; the closed loop takes
 * its callback form (`start`), so no promise per operation either. Data-structure operations keep
 * their promise steps.
 */
export function createCallbackRunner(deps: OperationRunnerDeps, cache: CallbackCommands): OperationRunner {
  const {clock, origin, metrics, keys, mix} = deps
  const {counters} = metrics
  const parts: CallbackParts = {
    clock,
    cache,
    strategy: deps.strategy,
    records: operationRecords(clock, origin, metrics, deps.openLoop),
    operationEnded(intendedStart) {
      counters.operations++
      metrics.timeline?.operation(intendedStart)
    },
  }
  // An open loop may have thousands of slots; most runs touch a few, so slots are made on first use.
  const slots: CallbackSlot[] = []
  const slotAt = (slot: number): CallbackSlot => (slots[slot] ??= new CallbackSlot(new TimedSteps(clock, deps.target, origin, metrics, deps.background), parts))

  const structureOperation = async (kind: string, measured: boolean, intendedStart: number): Promise<void> => {
    if (!deps.structures) throw new Error(`the mix drew ${kind}, but the run has no structure operations`)
    await deps.structures(kind as Parameters<typeof deps.structures>[0], measured, intendedStart)
    if (measured) parts.operationEnded(intendedStart)
  }

  const start: OperationStarter = (slot, measured, intendedStart, done) => {
    if (measured) metrics.timeline?.started(intendedStart)
    const kind = mix.next()
    if (kind !== 'read' && kind !== 'write' && kind !== 'delete') {
      structureOperation(kind, measured, intendedStart).then(() => done(), (error: unknown) => done({error}))
      return
    }
    const key = kind === 'write' ? keys.nextWriteKey() : keys.nextKey()
    const runner = slotAt(slot)
    runner.prepare(kind, key, measured, intendedStart)
    runner.begin(done)
  }
  // The promise form, for loops that await operations (the open loop).
  const run: OperationRunner = (slot, measured, intendedStart) =>
    new Promise<void>((resolve, reject) => start(slot, measured, intendedStart, (failure) => (failure === undefined ? resolve() : reject(failure.error))))
  run.start = start
  return run
}
