import {Command, FlowIo, type Flow, type FlowBooks} from '../strategies/flow.js'
import type {ReadAnswer, Steps, Strategy} from '../strategies/strategy.js'
import type {Clock} from '../time/clock.js'
import type {BackgroundWork} from './background-work.js'

/**
 * The async driver of a strategy's flow: each command is carried out with the timed and counted
 * building blocks (`Steps`) and awaited, then the flow resumes with its answer. Real targets
 * run every operation this way; the simulation core resumes flows from its event heap instead.
 */
export async function runFlow<T>(flow: Flow<T>, io: FlowIo, steps: Steps, clock: Clock): Promise<T> {
  let step = flow.next()
  while (!step.done) {
    // Each command awaited here directly rather than through a helper async function: one
    // promise and its microtask turns fewer per command, on the path every real-target
    // operation takes.
    try {
      switch (step.value) {
        case Command.cacheGet:
          io.value = await steps.cacheGet(io.key)
          break
        case Command.cacheSet:
          await steps.cacheSet(io.key, io.setValue!, io.ttlMs)
          break
        case Command.cacheDelete:
          await steps.cacheDelete(io.key)
          break
        case Command.originRead:
          io.value = await steps.originRead(io.key)
          break
        case Command.originWrite:
          io.value = await steps.originWrite(io.key)
          break
        case Command.originDelete:
          io.value = await steps.originDelete(io.key)
          break
        case Command.leaseGet:
          io.lease = await steps.cacheLeaseGet(io.key)
          break
        case Command.leaseSet:
          io.stored = await steps.cacheLeaseSet(io.key, io.setValue!, io.ttlMs, io.token)
          break
        case Command.wait:
          await clock.sleep(io.waitMs)
          break
        case Command.join:
          await new Promise<void>((resolve) => io.completion!.whenDone(resolve))
          break
      }
    } catch (error) {
      step = flow.throw(error)
      continue
    }
    step = flow.next()
  }
  return step.value
}

/** A strategy's operations as promises over one set of building blocks: tests script interleavings with it. */
export interface AsyncStrategy {
  read(key: number, steps: Steps & FlowBooks): Promise<ReadAnswer>
  write(key: number, steps: Steps & FlowBooks): Promise<void>
  delete(key: number, steps: Steps & FlowBooks): Promise<void>
  /** The load has ended: the strategy stops, and the flows it started beside operations finish. */
  finish(): Promise<void>
  nodeFailed?(lost?: (key: number) => boolean): void
}

/** `background`: where the steps given to it track the flows strategies start (TimedSteps.background). */
export function asyncStrategy(strategy: Strategy, clock: Clock, background?: BackgroundWork): AsyncStrategy {
  const run = <T>(operation: (io: FlowIo) => Flow<T>, steps: Steps & FlowBooks): Promise<T> => {
    const io = new FlowIo(steps)
    return runFlow(operation(io), io, steps, clock)
  }
  return {
    read: (key, steps) => run((io) => strategy.read(key, io), steps),
    write: (key, steps) => run((io) => strategy.write(key, io), steps),
    delete: (key, steps) => run((io) => strategy.delete(key, io), steps),
    finish: async () => {
      strategy.stop?.()
      await background?.settled()
    },
    nodeFailed: strategy.nodeFailed && ((lost) => strategy.nodeFailed!(lost)),
  }
}
