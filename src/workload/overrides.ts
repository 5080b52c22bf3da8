/**
 * Command-line overrides, applied to the raw document before validation so they meet the same
 * checks as the file; problems in overridden fields name the flag instead of the file.
 */
import {resolve} from 'node:path'
import {InputError} from '../errors.js'
import {TRACE_FORMAT_NAMES} from './types.js'

export interface WorkloadOverrides {
  operations?: number
  duration?: string
  concurrency?: number
  /** Open loop: a rate such as 20k/s. */
  rate?: string
  warmup?: string
  seed?: number
  thresholds?: string[]
  /** Replay this trace file (`--trace`), replacing the file's keyspace, values, mix and phases. */
  trace?: string
  traceFormat?: string
  /** Malformed trace records tolerated (`--skip-bad-records`). */
  skipBadRecords?: number
  /** The trace's pacing (`--trace-speed`): a number, or "max"; text that is neither is left for the schema to refuse. */
  traceSpeed?: number | string
}

type Path = PropertyKey[]

/** Where each scalar override lands in the document, and the flag that sets it. */
const OVERRIDE_TARGETS = {
  operations: {path: ['load', 'operations'], flag: '--operations'},
  duration: {path: ['load', 'duration'], flag: '--duration'},
  concurrency: {path: ['load', 'concurrency'], flag: '--concurrency'},
  rate: {path: ['load', 'rate'], flag: '--rate'},
  warmup: {path: ['load', 'warmup'], flag: '--warmup'},
  seed: {path: ['seed'], flag: '--seed'},
} as const

const THRESHOLD_FLAG = '--threshold'

export interface OverriddenDocument {
  document: unknown
  /** The flag that set the field at `path`, if one did. */
  flagFor(path: Path): string | undefined
}

export function applyOverrides(raw: unknown, overrides: WorkloadOverrides = {}): OverriddenDocument {
  // A document that is not a mapping fails validation anyway, and should be reported as the file's.
  if (!isMapping(raw)) return {document: raw, flagFor: () => undefined}
  // Each replaces the file's other, so given together one of them would be dropped unsaid.
  if (overrides.operations !== undefined && overrides.duration !== undefined) {
    throw new InputError(`--operations and --duration are both given; give only one of them (a run is sized by a count of operations or by a time).`)
  }
  const document: Record<string, unknown> = {...raw}
  const applied: {path: readonly PropertyKey[]; flag: string}[] = []

  const givenLoad = document.load
  const load: Record<string, unknown> | undefined =
    givenLoad === undefined ? {} : isMapping(givenLoad) ? {...givenLoad} : undefined
  for (const name of Object.keys(OVERRIDE_TARGETS) as (keyof typeof OVERRIDE_TARGETS)[]) {
    const value = overrides[name]
    if (value === undefined) continue
    const target = OVERRIDE_TARGETS[name]
    if (target.path[0] === 'seed') {
      document.seed = value
    } else if (load !== undefined) {
      // A run is sized by operations or by duration: the flag given replaces the other.
      if (name === 'operations') delete load.duration
      if (name === 'duration') delete load.operations
      load[target.path[1]] = name === 'warmup' ? warmupValue(value as string) : name === 'rate' ? rateValue(value as string) : value
      document.load = load
    } else {
      continue
    }
    applied.push(target)
  }

  // An open loop's operations in flight are what its rate makes them (capped by load.maxInFlight):
  // a --concurrency beside a rate would be dropped unsaid.
  const phasedRates = Array.isArray(document.phases) && document.phases.some((phase) => isMapping(phase) && phase.rate !== undefined)
  if (overrides.concurrency !== undefined && load !== undefined && ((load.rate !== undefined && load.rate !== null) || phasedRates)) {
    const source = overrides.rate !== undefined ? '--rate makes' : phasedRates ? "the rates of the workload's phases make" : "the workload's load.rate makes"
    throw new InputError(
      `--concurrency sizes a closed loop, but ${source} this run an open loop, whose operations in flight follow the rate; drop --concurrency (load.maxInFlight caps them).`,
    )
  }

  applyTraceOverrides(document, overrides, applied)

  const fileThresholds = Array.isArray(document.thresholds) ? document.thresholds.length : 0
  const extraThresholds = overrides.thresholds ?? []
  const thresholdsAppendable = document.thresholds === undefined || Array.isArray(document.thresholds)
  if (extraThresholds.length > 0 && thresholdsAppendable) {
    document.thresholds = [...((document.thresholds as unknown[] | undefined) ?? []), ...extraThresholds]
  }

  return {
    document,
    flagFor(path) {
      if (path[0] === 'thresholds' && typeof path[1] === 'number' && path[1] >= fileThresholds && thresholdsAppendable) {
        return THRESHOLD_FLAG
      }
      return applied.find((target) => target.path.every((segment, index) => path[index] === segment))?.flag
    },
  }
}

const TRACE_FLAGS = {file: '--trace', format: '--trace-format', skipBadRecords: '--skip-bad-records', speed: '--trace-speed'} as const

/** `--trace` replaces the sections a trace gives; a relative path stays relative to the working directory. */
function applyTraceOverrides(document: Record<string, unknown>, overrides: WorkloadOverrides, applied: {path: readonly PropertyKey[]; flag: string}[]): void {
  const given = isMapping(document.trace) ? {...document.trace} : undefined
  const {traceFormat, skipBadRecords, traceSpeed} = overrides
  const overridden = {file: overrides.trace, format: traceFormat, skipBadRecords, speed: traceSpeed}
  const flagged = Object.entries(TRACE_FLAGS).filter(([field]) => overridden[field as keyof typeof overridden] !== undefined)
  if (overrides.trace === undefined && given === undefined) {
    if (flagged.length > 0) {
      const flags = flagged.map(([, flag]) => flag)
      throw new InputError(`${flags.join(', ')} ${flags.length === 1 ? 'applies' : 'apply'} to a trace replay: give --trace FILE, or a workload with a trace: section.`)
    }
    return
  }
  if (flagged.length === 0) return
  // A trace given by flag may be of another layout than the file's: its format is asked for, not carried over.
  if (overrides.trace !== undefined && traceFormat === undefined) throw new InputError(`--trace needs --trace-format (one of ${TRACE_FORMAT_NAMES.join(', ')}).`)
  const trace: Record<string, unknown> = overrides.trace === undefined ? (given ?? {}) : {file: resolve(overrides.trace)}
  if (overrides.trace !== undefined) {
    for (const section of ['keyspace', 'values', 'mix', 'phases']) delete document[section]
    if (given?.speed !== undefined) trace.speed = given.speed
  }
  for (const [field, flag] of flagged) {
    if (field !== 'file') trace[field] = overridden[field as keyof typeof overridden]
    applied.push({path: ['trace', field], flag})
  }
  document.trace = trace
}

/** `--warmup 5000` counts operations; `--warmup 10s` is a span of time. */
function warmupValue(text: string): number | string {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `--rate 5000` means 5000/s, as in the file; `--rate 20k/s` keeps its unit. */
function rateValue(text: string): number | string {
  return /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text
}
