/**
 * Workload → plan: what one run will do, settled before anything is created or connected: the
 * part of the workload this run covers, the trace it replays, the target it goes to and the
 * events it carries out. Refuses what cannot run, naming the field or flag.
 */
import {InputError} from '../errors.js'
import {defaultTargetOptions, type TargetOptions} from '../targets/target-options.js'
import {DEFAULT_TARGET, resolveTargetKind} from '../targets/target-registry.js'
import {openTraceReplay, type TraceReplay} from '../trace/trace-replay.js'
import type {Workload} from '../workload/types.js'
import {checkPart, checkPartEvents, partTargetUrl, partWorkload} from './part-workload.js'
import type {RunPart} from './partition.js'
import type {RunEvent} from './run-events.js'
import type {RunOptions} from './run-options.js'

export interface RunPlan {
  /** The workload as given; `workload` is what this run executes (its part, the trace's keyspace). */
  whole: Workload
  workload: Workload
  part: RunPart | undefined
  trace: TraceReplay | undefined
  kind: ReturnType<typeof resolveTargetKind>['kind']
  url: ReturnType<typeof resolveTargetKind>['url']
  targetOptions: TargetOptions
  /** The workload's events and the caller's. */
  events: RunEvent[]
  intervalMs: number
}

const DEFAULT_INTERVAL_MS = 1000

/** Plans a run; the trace it opens is the caller's to close (`closePlan`). */
export function planRun(whole: Workload, options: RunOptions): RunPlan {
  const part = options.part
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
  if (!(intervalMs > 0)) throw new InputError(`The timeline interval must be a positive duration (got ${intervalMs} ms).`)
  // A trace's keys are known once it is opened: its parts are checked against them there.
  if (part && !whole.trace) checkPart(whole, part)
  const partOrWhole = part ? partWorkload(whole, part) : whole
  const resolved = resolveTargetKind(options.target ?? DEFAULT_TARGET)
  const events = [...(partOrWhole.events ?? []), ...(options.events ?? [])]
  // Every part reads the whole trace (so key ids agree) and runs the requests whose key it owns.
  // Parts, events (which act on every key: pool changes, failures) and targets whose tables cannot grow need the key count first.
  const firstPass = part !== undefined || events.length > 0 || !resolved.kind.growsKeyTables
  const trace = partOrWhole.trace ? openTraceReplay(partOrWhole, partOrWhole.trace, {firstPass}) : undefined
  try {
    if (part && trace) checkPart(trace.workload, part)
    if (part) checkPartEvents(events, part, resolved.kind.clock)
    return {
      whole,
      workload: trace?.workload ?? partOrWhole,
      part,
      trace,
      kind: resolved.kind,
      url: part && resolved.kind.evictionControl ? partTargetUrl(resolved.url, part) : resolved.url,
      targetOptions: {...defaultTargetOptions(), ...options.targetOptions},
      events,
      intervalMs,
    }
  } catch (error) {
    trace?.close()
    throw error
  }
}
