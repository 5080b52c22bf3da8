import {InputError} from '../errors.js'
import type {BackgroundWork} from './background-work.js'
import type {Strategy} from '../strategies/strategy.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {FailoverEffect, TargetControl} from '../targets/target-control.js'
import {formatDuration} from '../workload/units.js'
import type {Clock} from '../time/clock.js'
import {runEventCommand} from './event-command.js'
import {allImmediate, endRecord, errorMessage, happenNow, inTimeOrder, nodeOf, noteEffect, startRecord, tellStrategy, type EventRecord, type RunEvent} from './event-record.js'

export type {EventRecord, RunEvent} from './event-record.js'

export interface RunEventContext {
  clock: Clock
  target: CacheTarget
  strategy: Strategy
  /** The flows the strategy started beside its operations: the run ends when they have. */
  background?: BackgroundWork
  events: readonly RunEvent[]
  /** Receives each event as it happened, in the order they started. */
  log?: EventRecord[]
}

/**
 * Refuses, before anything connects, events the target cannot carry out: an action it lacks, a
 * flush without --allow-flush, a node index beyond the pool as it will be at that moment.
 */
export function checkEvents(events: readonly RunEvent[], target: CacheTarget): void {
  if (events.length === 0) return
  const control = target.control
  if (control === undefined) throw new InputError(`${target.displayUrl} cannot carry out events (events: in the workload).`)
  let nodes = control.nodeNames().length
  for (const {event, index} of inTimeOrder(events)) {
    const where = `events[${index}] (${event.action} at ${formatDuration(event.atMs)})`
    const refusal = control.refusal(event.action, event.command !== undefined)
    if (refusal !== null) throw new InputError(`${where}: ${refusal}.`)
    if (event.action === 'scale-out') {
      if (nodes + 1 > control.maxNodes) {
        throw new InputError(`${where}: ${target.displayUrl} has no spare node to add (it would need ${nodes + 1}, it can serve with ${control.maxNodes}).`)
      }
      nodes++
    } else if (event.action === 'node-failure' || event.action === 'scale-in') {
      if (event.action === 'scale-in' && nodes < 2) throw new InputError(`${where}: the pool has 1 node then; scale-in needs at least 2.`)
      const node = nodeOf(event, nodes)
      if (node >= nodes) {
        throw new InputError(`events[${index}].node is ${node}, but ${target.displayUrl} has ${nodes} node${nodes === 1 ? '' : 's'} then (0–${nodes - 1}).`)
      }
      if (event.action === 'scale-in') nodes--
    }
  }
}

/**
 * Schedules the events, then starts the load, and returns the load followed by the end of the
 * strategy's background work and of events under way: once the load has ended, work still
 * waiting is counted and work under way completes. Events due after the load has ended do not
 * happen. On simulated time the events' timers are pushed before the load's first step, and an
 * event due at once happens before it: an event happens before the operations due at its
 * instant, as on the simulation core (simulation/simulated-events.ts).
 */
export function withEventsAndBackgroundWork<T>(startLoad: () => Promise<T>, context: RunEventContext): Promise<T> {
  const {clock, target, events} = context
  checkEvents(events, target)
  let over = false
  const started: Array<Promise<Happened>> = []
  const timers: NodeJS.Timeout[] = []
  for (const {event} of inTimeOrder(events)) {
    const fire = (): void => {
      if (!over) started.push(happen(event, context))
    }
    const wait = event.atMs - clock.now()
    // On the wall clock an event due after the load must not keep the process waiting for it.
    if (clock.kind === 'real') timers.push(setTimeout(fire, Math.max(wait, 0)).unref())
    else if (wait > 0) void clock.sleep(wait).then(fire)
    else fire()
  }
  return startLoad().then(async (value) => {
    over = true
    for (const timer of timers) clearTimeout(timer)
    context.strategy.stop?.()
    await context.background?.settled()
    for (const {record, failover} of await Promise.all(started)) {
      if (failover !== undefined) record.failover = await failover.settle()
      context.log?.push(record)
    }
    return value
  })
}

interface Happened {
  record: EventRecord
  /** Settled once the load has ended. */
  failover?: FailoverEffect
}

async function happen(event: RunEvent, context: RunEventContext): Promise<Happened> {
  const {clock, strategy} = context
  const control = context.target.control as TargetControl
  // A simulated target's action takes effect in the event that fires it, as on the simulation core.
  if (allImmediate([event], control)) return {record: happenNow(event, control, strategy, clock)}
  const names = control.nodeNames()
  const {record, node} = startRecord(event, names, clock)
  try {
    tellStrategy(event, node, control, strategy)
    if (event.command !== undefined) {
      const outcome = await runEventCommand(event.command, {name: names[node], index: node})
      record.exitCode = outcome.exitCode
      if (outcome.error !== undefined) record.error = outcome.error
      record.nodes = names.length
    } else {
      const effect = await control.perform(event.action, node)
      noteEffect(record, effect)
      return {record: endRecord(record, clock), failover: effect.failover}
    }
  } catch (error) {
    record.error = errorMessage(error)
  }
  return {record: endRecord(record, clock)}
}
