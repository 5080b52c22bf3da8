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
import {EVENT_ACTIONS, type EventAction, type EventSpec} from '../types.js'
import {formatDuration} from '../units.js'

/** The actions that name a node; `node` is refused on the others. */
export const NODE_ACTIONS: readonly EventAction[] = ['node-failure', 'scale-in']

const eventObject = z
  .strictObject({
    at: duration({description: 'When it happens: time since the run started, warm-up included.'}),
    action: choice(
      EVENT_ACTIONS,
      'node-failure: a node is replaced by an empty one; scale-out / scale-in: a node joins / leaves the pool; flush: the whole cache is emptied; failover: a Redis replica is promoted.',
    ),
    node: wholeNumber(0, 'node-failure, scale-in: which node (0-based, among the nodes serving at that moment); node-failure: 0, scale-in: the last, when absent.').optional(),
    command: text('node-failure on real servers: a shell command that fails the node (its exit status is checked), run instead of flushing it.').optional(),
  })
  .check((ctx) => {
    const {action, node, command} = ctx.value
    if (node !== undefined && !NODE_ACTIONS.includes(action)) {
      ctx.issues.push(crossFieldIssue(ctx.value, 'node', `applies only to ${NODE_ACTIONS.join(' and ')} (action is ${action})`))
    }
    if (command !== undefined && action !== 'node-failure') {
      ctx.issues.push(crossFieldIssue(ctx.value, 'command', `applies only to node-failure (action is ${action})`))
    }
  })
  .transform(
    (form): EventSpec => ({
      atMs: form.at,
      action: form.action,
      ...(form.node === undefined ? {} : {node: form.node}),
      ...(form.command === undefined ? {} : {command: form.command}),
    }),
  )

export const eventsSection: z.ZodType<EventSpec[], unknown> = z
  .array(eventObject, {error: 'must be a list of events such as {at: 30s, action: node-failure, node: 1}'})
  .meta({description: 'Failures and pool changes at points of the run: node-failure, scale-out, scale-in, flush, failover.'})

/**
 * An event due after the run has ended would silently not happen; refused when the run's length
 * is known (a timed or phased run). Issues carry paths from the top of the workload.
 */
export function eventTimeIssues(events: readonly EventSpec[], runLengthMs: number | null): z.core.$ZodRawIssue[] {
  if (runLengthMs === null) return []
  return events.flatMap((event, index) =>
    event.atMs < runLengthMs
      ? []
      : [
          {
            ...crossFieldIssue(event, 'at', `(${formatDuration(event.atMs)}) must be within the run, which lasts ${formatDuration(runLengthMs)}`),
            path: ['events', index, 'at'],
          },
        ],
  )
}
