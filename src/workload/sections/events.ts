/**
 * `events:` — things done to the cache at points of the run: a node fails and is replaced by an
 * empty one, the pool grows or shrinks, the cache is flushed, a Redis primary fails over.
 *
 * Checked here: each event's own fields, and that it falls within the run when the run's length
 * is known. Whether the target can carry an event out (and whether `node` is in range) depends
 * on the target, so that is checked when the run starts, before anything connects.
 */
import {z} from 'zod'
import {choice, crossFieldIssue, duration, text, wholeNumber} from '../fields.js'
import {DISCONNECT_ROLES, EVENT_ACTIONS, type DisconnectSpec, type EventAction, type EventSpec} from '../types.js'
import {formatDuration} from '../units.js'

/** The actions that name a node; `node` is refused on the others. */
export const NODE_ACTIONS: readonly EventAction[] = ['node-failure', 'scale-in']

/** One object for both kinds, so an unknown field is named with its nearest valid one whatever the kind. */
const eventObject = z
  .strictObject({
    at: duration({description: 'When it happens: time since the run started, warm-up included.'}),
    action: choice(
      EVENT_ACTIONS,
      'Cache workloads. node-failure: a node is replaced by an empty one; scale-out / scale-in: a node joins / leaves the pool; flush: the whole cache is emptied; failover: a Redis replica is promoted.',
    ).optional(),
    node: wholeNumber(0, 'node-failure, scale-in: which node (0-based, among the nodes serving at that moment); node-failure: 0, scale-in: the last, when absent.').optional(),
    command: text('node-failure on real servers: a shell command that fails the node (its exit status is checked), run instead of flushing it.').optional(),
    disconnect: choice(DISCONNECT_ROLES, 'Messaging workloads: which receivers lose their connection, Pub/Sub subscribers or stream consumers.').optional(),
    count: wholeNumber(1, 'disconnect: how many of them (the first ones); 1 when absent.').optional(),
    for: duration({positive: true, description: 'disconnect: how long they stay away before reconnecting; until the end of the run when absent.'}).optional(),
  })
  .check((ctx) => {
    const {action, node, command, disconnect} = ctx.value
    if ((action === undefined) === (disconnect === undefined)) {
      const message = action === undefined ? 'is missing: give action (cache workloads) or disconnect (messaging workloads)' : 'cannot be combined with disconnect: give one of them'
      ctx.issues.push(crossFieldIssue(ctx.value, 'action', message, ['disconnect']))
      return
    }
    if (action === undefined) {
      for (const field of ['node', 'command'] as const) {
        if (ctx.value[field] !== undefined) ctx.issues.push(crossFieldIssue(ctx.value, field, 'applies only to events with an action, not to disconnect'))
      }
      return
    }
    for (const field of ['count', 'for'] as const) {
      if (ctx.value[field] !== undefined) ctx.issues.push(crossFieldIssue(ctx.value, field, `applies only to disconnect events (action is ${action})`))
    }
    if (node !== undefined && !NODE_ACTIONS.includes(action)) {
      ctx.issues.push(crossFieldIssue(ctx.value, 'node', `applies only to ${NODE_ACTIONS.join(' and ')} (action is ${action})`))
    }
    if (command !== undefined && action !== 'node-failure') {
      ctx.issues.push(crossFieldIssue(ctx.value, 'command', `applies only to node-failure (action is ${action})`))
    }
  })
  .transform((form): EventSpec | DisconnectSpec => {
    if (form.disconnect !== undefined) return {atMs: form.at, role: form.disconnect, count: form.count ?? 1, forMs: form.for ?? null}
    return {
      atMs: form.at,
      action: form.action as EventAction,
      ...(form.node === undefined ? {} : {node: form.node}),
      ...(form.command === undefined ? {} : {command: form.command}),
    }
  })

export const isDisconnect = (event: EventSpec | DisconnectSpec): event is DisconnectSpec => 'role' in event

export const eventsSection: z.ZodType<Array<EventSpec | DisconnectSpec>, unknown> = z
  .array(eventObject, {error: 'must be a list of events such as {at: 30s, action: node-failure, node: 1} or {at: 5s, disconnect: subscriber, for: 2s}'})
  .meta({description: 'Things done at points of the run: node-failure, scale-out, scale-in, flush, failover (cache workloads); disconnect (messaging workloads).'})

/**
 * Two durations in as many digits as tell them apart (1001ms against 1s: "1.001s" and "1s", not
 * "1s" twice), or, when equal, as many as show them whole (1001ms at a run of 1001ms: "1.001s").
 */
function apart(a: number, b: number): [string, string] {
  for (let extra = 0; extra < 6; extra++) {
    const pair: [string, string] = [formatDuration(a, extra), formatDuration(b, extra)]
    if (pair[0] !== pair[1] || (a === b && pair[0] === formatDuration(a, extra + 1))) return pair
  }
  return [formatDuration(a, 6), formatDuration(b, 6)]
}

/**
 * An event due after the run has ended would silently not happen; refused when the run's length
 * is known (a timed or phased run). Issues carry paths from the top of the workload.
 */
export function eventTimeIssues(events: ReadonlyArray<{atMs: number}>, runLengthMs: number | null): z.core.$ZodRawIssue[] {
  if (runLengthMs === null) return []
  return events.flatMap((event, index) => {
    if (event.atMs < runLengthMs) return []
    const [at, length] = apart(event.atMs, runLengthMs)
    return [{...crossFieldIssue(event, 'at', `(${at}) must be within the run, which lasts ${length}`), path: ['events', index, 'at']}]
  })
}
