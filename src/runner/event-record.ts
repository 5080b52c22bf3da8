import type {EventOutcome} from '../metrics/result.js'
import type {Strategy} from '../strategies/strategy.js'
import type {EventEffect, TargetControl} from '../targets/target-control.js'
import type {Clock} from '../time/clock.js'
import type {EventSpec} from '../workload/types.js'

/** Something done to the system under test at a point of the run's clock (`events:`). */
export type RunEvent = EventSpec

/** An event as it happened; `startedAt` is on the run clock, turned into timeline time for the result. */
export interface EventRecord extends Omit<EventOutcome, 'timelineMs'> {
  startedAt: number
  event: RunEvent
}

/** A control that carries actions out at once (a target in simulated time). */
export type ImmediateControl = TargetControl & Required<Pick<TargetControl, 'performNow'>>

/** The record of `event` as it starts now, and the node it acts on among `names`, the nodes serving now. */
export function startRecord(event: RunEvent, names: readonly string[], clock: Clock): {record: EventRecord; node: number} {
  const record: EventRecord = {action: event.action, atMs: event.atMs, startedAt: clock.now(), event, tookMs: 0}
  const node = nodeOf(event, names.length)
  if (event.action === 'node-failure' || event.action === 'scale-in') {
    record.node = node
    record.nodeName = names[node]
  }
  if (event.action === 'scale-out') record.node = names.length
  return {record, node}
}

/** The record is complete: how long the event took, on the run clock. */
export function endRecord(record: EventRecord, clock: Clock): EventRecord {
  record.tookMs = clock.now() - record.startedAt
  return record
}

/** The strategy loses what only the node held before the node goes, while placement still says where keys were. */
export function tellStrategy(event: RunEvent, node: number, control: TargetControl, strategy: Strategy): void {
  if (event.action === 'node-failure' || event.action === 'scale-in') strategy.nodeFailed?.(control.holds(node))
  if (event.action === 'flush') strategy.nodeFailed?.()
}

/** What the target says the action did, into the record. */
export function noteEffect(record: EventRecord, effect: Omit<EventEffect, 'failover'>): void {
  if (effect.nodeName !== undefined) record.nodeName = effect.nodeName
  record.nodes = effect.nodes
  if (effect.details !== undefined) record.details = effect.details
}

/**
 * Carries `event` out at once on a target that can (TargetControl.performNow): the strategy
 * told, the action done and its record complete, all before anything else runs on the clock.
 */
export function happenNow(event: RunEvent, control: ImmediateControl, strategy: Strategy, clock: Clock): EventRecord {
  const {record, node} = startRecord(event, control.nodeNames(), clock)
  try {
    tellStrategy(event, node, control, strategy)
    noteEffect(record, control.performNow(event.action, node))
  } catch (error) {
    record.error = errorMessage(error)
  }
  return endRecord(record, clock)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** node-failure: the first node unless told; scale-in: the last. */
export function nodeOf(event: RunEvent, nodes: number): number {
  return event.node ?? (event.action === 'scale-in' ? nodes - 1 : 0)
}

/** The events by due time, ties in the workload's order, each with its index in the workload. */
export function inTimeOrder(events: readonly RunEvent[]): Array<{event: RunEvent; index: number}> {
  return events.map((event, index) => ({event, index})).sort((a, b) => a.event.atMs - b.event.atMs || a.index - b.index)
}

/** Whether the control can carry every event out at once, and none runs a shell command (which takes wall-clock time). */
export function allImmediate(events: readonly RunEvent[], control: TargetControl | undefined): control is ImmediateControl {
  return control?.performNow !== undefined && events.every((event) => event.command === undefined)
}
