import {InputError} from '../errors.js'
import type {BackgroundWork} from './background-work.js'
import type {EventOutcome} from '../metrics/result.js'
import type {Strategy} from '../strategies/strategy.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {FailoverEffect, TargetControl} from '../targets/target-control.js'
import type {EventSpec} from '../workload/types.js'
import {formatDuration} from '../workload/units.js'
import type {Clock} from '../time/clock.js'
import {runEventCommand} from './event-command.js'

/** Something done to the system under test at a point of the run's clock (`events:`). */
export type RunEvent = EventSpec

/** An event as it happened; `startedAt` is on the run clock, turned into timeline time for the result. */
export interface EventRecord extends Omit<EventOutcome, 'timelineMs'> {
  startedAt: number
  event: RunEvent
}

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
 * Schedules the events, and returns the load followed by the end of the strategy's background
 * work and of events under way: once the load has ended, work still waiting is counted and work
 * under way completes. Events due after the load has ended do not happen.
 */
export function withEventsAndBackgroundWork<T>(load: Promise<T>, context: RunEventContext): Promise<T> {
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
    else void clock.sleep(wait).then(fire)
  }
  return load.then(async (value) => {
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
  const startedAt = clock.now()
  const record: EventRecord = {action: event.action, atMs: event.atMs, startedAt, event, tookMs: 0}
  const names = control.nodeNames()
  const node = nodeOf(event, names.length)
  if (event.action === 'node-failure' || event.action === 'scale-in') {
    record.node = node
    record.nodeName = names[node]
  }
  if (event.action === 'scale-out') record.node = names.length
  try {
    // The strategy loses what only the node held before the node goes, while placement still says where keys were.
    if (event.action === 'node-failure' || event.action === 'scale-in') strategy.nodeFailed?.(control.holds(node))
    if (event.action === 'flush') strategy.nodeFailed?.()
    if (event.command !== undefined) {
      const outcome = await runEventCommand(event.command, {name: names[node], index: node})
      record.exitCode = outcome.exitCode
      if (outcome.error !== undefined) record.error = outcome.error
      record.nodes = names.length
    } else {
      const effect = await control.perform(event.action, node)
      if (effect.nodeName !== undefined) record.nodeName = effect.nodeName
      record.nodes = effect.nodes
      if (effect.details !== undefined) record.details = effect.details
      record.tookMs = clock.now() - startedAt
      return {record, failover: effect.failover}
    }
  } catch (error) {
    record.error = error instanceof Error ? error.message : String(error)
  }
  record.tookMs = clock.now() - startedAt
  return {record}
}

/** node-failure: the first node unless told; scale-in: the last. */
function nodeOf(event: RunEvent, nodes: number): number {
  return event.node ?? (event.action === 'scale-in' ? nodes - 1 : 0)
}

function inTimeOrder(events: readonly RunEvent[]): Array<{event: RunEvent; index: number}> {
  return events.map((event, index) => ({event, index})).sort((a, b) => a.event.atMs - b.event.atMs || a.index - b.index)
}
