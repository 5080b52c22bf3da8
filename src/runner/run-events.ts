import {InputError} from '../errors.js'
import type {Strategy} from '../strategies/strategy.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {Clock} from './clock.js'

/** Something that happens to the system under test at a point of the run's clock. */
export interface RunEvent {
  /** Milliseconds since the run started (warm-up included). */
  atMs: number
  /** `node-failure`: the cache node loses every entry, as when it is replaced by an empty one. */
  action: 'node-failure'
}

export interface RunEventContext {
  clock: Clock
  target: CacheTarget
  strategy: Strategy
  events: readonly RunEvent[]
}

/**
 * Schedules the events, and returns the load followed by the end of the strategy's background
 * work: once the load has ended, work still waiting is counted and work under way completes.
 * Events due after the load has ended do not happen.
 */
export function withEventsAndBackgroundWork<T>(load: Promise<T>, context: RunEventContext): Promise<T> {
  const {clock, target, strategy, events} = context
  let over = false
  for (const event of events) {
    const failNode = target.failNode?.bind(target)
    if (failNode === undefined) throw new InputError(`node failures can be simulated only on builtin:// for now (target is ${target.kind}).`)
    void clock.sleep(event.atMs - clock.now()).then(async () => {
      if (over) return
      strategy.nodeFailed?.()
      await failNode()
    })
  }
  return load.then(async (value) => {
    over = true
    await strategy.finish?.()
    return value
  })
}
