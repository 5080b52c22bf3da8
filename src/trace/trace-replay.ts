import {InputError} from '../errors.js'
import type {KeyDistribution} from '../generators/key-distribution.js'
import type {OperationMix} from '../generators/operation-mix.js'
import type {ValueSizeGenerator} from '../generators/value-size.js'
import type {TtlPolicy} from '../strategies/ttl-policy.js'
import type {TraceSpec, Workload} from '../workload/types.js'
import {grownFloat64, grownInt32, grownLength} from '../engine/typed-array-growth.js'
import {fallbackValueBytes, noRequests, scanReplayableTrace, traceWorkload} from './describe-trace.js'
import {tallyFigures, type TraceScan} from './scan-trace.js'
import {TraceTally} from './trace-tally.js'
import {openRequestStream} from './request-stream.js'
import {TraceRequests, type TraceLosses} from './trace-requests.js'
import type {TraceOperation} from './trace-record.js'
import {FIRST_TICK_MS, tickWith} from './timestamp-tick.js'
import {formatLimit} from '../workload/limits.js'
import {formatDuration} from '../workload/units.js'

/** How a replay reports its trace in the result. */
export interface TraceSummary {
  file: string
  format: string
  speed: number | 'max'
  requests: number
  distinctKeys: number
  skippedByCommand: Record<string, number>
  badRecords: number
  lost: number
  /** Present when a run stopped by the user left the trace unread past some point: the figures cover the requests read so far. */
  partial?: true
}

/**
 * A trace as the runner's operation source: the mix hands out the trace's operations in order,
 * the keys its key ids, and — unless the replay runs back to back — the arrival gaps follow its
 * timestamps divided by the speed. Value sizes and TTLs are those the trace last gave the key.
 */
export interface TraceReplay {
  /**
   * The workload as the run is built from: keyspace, values and mix describe the trace as far as
   * it is known when the run starts (the whole trace after a first pass, else its first request).
   */
  workload: Workload
  mix: OperationMix
  keys: KeyDistribution
  valueSizes: ValueSizeGenerator
  /** Sizes the origin starts with, key by key in order. */
  initialSizes: ValueSizeGenerator
  /** The trace's TTLs, when the strategy gives none. */
  ttl: TtlPolicy
  /** Gaps between arrivals in ms, or null to replay back to back (closed loop). */
  arrivalGap: (() => number) | null
  /** Operations the run issues at most: load.operations, or the trace's length when a first pass counted it; Infinity when only the trace's end will tell. */
  operations: number
  /** The trace has no request left: the load ends there. */
  ended(): boolean
  /** Share of the trace file read so far, 0..1: the replay's progress. */
  fractionRead(): number
  /** `reserve` is told the number of keys each time a new one is read, before any operation uses it. */
  onKeys(reserve: (count: number) => void): void
  /**
   * The whole trace's figures: what the load did not read is read to its end first. `readToEnd`
   * false (a run stopped by the user): those of the requests read so far, without reading on.
   */
  summary(readToEnd?: boolean): TraceSummary
  close(): void
}

export interface TraceReplayOptions {
  /**
   * Read the whole trace before the replay, as the run's key count must then be known up front:
   * a run split into parts (checked against the keys), one whose events act on every key, or a
   * target whose per-key tables cannot grow.
   */
  firstPass: boolean
}

/** What only a first pass over the whole trace knows. */
interface Foresight {
  /** Per key id: the first size the trace gives it, wherever that is. */
  firstSizes: Int32Array
  /** Size of keys the trace never gives one: the trace's mean. */
  fallbackBytes: number
  timed: boolean
}

/**
 * Opens a trace for a replay that reads it once: per-key tables grow as keys appear (onKeys), and
 * the trace's figures are taken at the end. Only a request that gives no size, of a key given
 * none so far, needs the trace's future (that key's first size later on, or the trace's mean):
 * a first pass is then made at that moment, so every size is the one a first pass up front gives.
 */
export function openTraceReplay(workload: Workload, spec: TraceSpec, options: TraceReplayOptions): TraceReplay {
  const scan = options.firstPass ? scanReplayableTrace(spec) : undefined
  let foresight = scan && foresightOf(scan)
  // After a first pass the replay must use its key ids; without one, a large trace is parsed on a thread of its own.
  const requests = scan ? new TraceRequests(spec, scan.keys) : openRequestStream(spec)
  // Per key: the size last replayed, the first size read, and the TTL last written.
  let sizes: Int32Array = new Int32Array(1024)
  let firstSizes: Int32Array = new Int32Array(1024)
  let ttls: Float64Array = new Float64Array(1024)
  /** Requests read, and keys seen (ids are dense in order of first appearance: id = seen is a new key). */
  let read = 0
  let seen = 0
  let reserve: ((count: number) => void) | undefined
  let finished = false

  /** A key read for the first time: room in every per-key table, its first size, and whether that needs the trace's future. */
  const newKey = (key: number): void => {
    seen++
    if (key >= sizes.length) {
      const length = grownLength(sizes.length, key + 1)
      sizes = grownInt32(sizes, length, 0)
      firstSizes = grownInt32(firstSizes, length, 0)
      ttls = grownFloat64(ttls, length, 0)
    }
    // Every request before this one gave a size or made the first pass: a key's first request gives its first size, unless it gives none.
    const bytes = requests.valueBytes
    firstSizes[key] = bytes
    // No size: the key's is its first one further on, or the trace's mean, which only a first pass over the whole trace knows.
    if (bytes === 0 && foresight === undefined && !finished) foresight = foresightOf(scanReplayableTrace(spec))
    reserve?.(seen)
  }
  /** Reads the next request into `requests` and counts it. Kept small: it runs once per request, inside the load's own step. */
  const readNext = (): boolean => {
    if (!requests.next()) return false
    read++
    if (requests.keyId === seen) newKey(seen)
    return true
  }

  let hasUpcoming: boolean
  // The workload the run is built from describes the first request (the whole trace after a first pass).
  const first = new TraceTally()
  try {
    hasUpcoming = readNext()
    if (!hasUpcoming) throw new InputError(noRequests(spec))
    first.add(requests)
    // An untimed first request: whether any later one has a time decides the pacing.
    if (foresight === undefined && requests.timeMs !== requests.timeMs) foresight = foresightOf(scanReplayableTrace(spec))
  } catch (error) {
    requests.close()
    throw error
  }
  const timed = foresight ? foresight.timed : true
  const speed = spec.speed ?? (timed ? 1 : 'max')
  if (speed !== 'max' && !timed) {
    requests.close()
    throw new InputError(`trace.speed ${speed} needs arrival times, and ${spec.format} traces like ${spec.file} have none; use speed: max.`)
  }
  let key = 0
  let timeMs = 0
  let tickMs = FIRST_TICK_MS
  let initialKey = 0
  /** How far into the replay's schedule the next request is due. */
  let scheduledMs = 0

  const advance = (): TraceOperation => {
    if (!hasUpcoming) {
      // A first pass counted the requests the run draws; fewer now means the file changed since.
      if (scan) throw new InputError(`${spec.file}: the trace ended after fewer requests than its first pass counted (${scan.requests}); was it changed during the run?`)
      // Without one the load stops when ended() says so: asking beyond is the caller's fault.
      throw new Error(`${spec.file}: the replay was asked for a request after the trace's last one.`)
    }
    const operation = requests.operation
    key = requests.keyId
    timeMs = requests.timeMs
    // Only a paced replay's schedule uses it.
    if (speed !== 'max') tickMs = tickWith(tickMs, timeMs)
    if (requests.valueBytes > 0) sizes[key] = requests.valueBytes
    if (operation === 'write' && requests.ttlSeconds > 0) ttls[key] = requests.ttlSeconds * 1000
    hasUpcoming = readNext()
    return operation
  }
  // The size the trace last gave the key, else its first one (which may come later), else the trace's mean.
  const sizeOf = (id: number) => sizes[id] || (foresight === undefined ? firstSizes[id] : foresight.firstSizes[id] || foresight.fallbackBytes)
  const cut = spec.wholeTrace || workload.load.operations === null ? Number.POSITIVE_INFINITY : workload.load.operations
  const finish = () => {
    if (finished) return
    finished = true
    reserve = undefined
    // Counted, not walked: a request repeated 10^10 times (meta-kv's op_count) took minutes, deaf to Ctrl-C.
    while (hasUpcoming) {
      read += requests.skipRepeats()
      hasUpcoming = readNext()
    }
  }
  // Keys met, not those the reader has interned: a reader may hold records back.
  const known = scan ?? {...tallyFigures(first), distinctKeys: seen}
  return {
    workload: traceWorkload(workload, known, fallbackValueBytes(known)),
    mix: {next: advance},
    keys: {nextKey: () => key, nextWriteKey: () => key},
    valueSizes: {next: () => sizeOf(key)},
    initialSizes: {next: () => sizeOf(initialKey++)},
    ttl: {next: () => ttls[key] || null},
    // After the last request, the tick it was stamped in: the schedule's span covers the trace's (timestamp-tick.ts).
    arrivalGap: speed === 'max' ? null : () => {
      if (!hasUpcoming) return tickMs / speed
      const gap = requests.timeMs > timeMs ? (requests.timeMs - timeMs) / speed : 0
      scheduledMs += gap
      if (scheduledMs > MAX_REPLAY_SPAN_MS) throw replayTooLong(spec, read, scheduledMs, speed)
      return gap
    },
    operations: scan ? Math.min(cut, scan.requests) : cut,
    // After a first pass the count bounds the load, and a trace that ends before it was changed on disk.
    ended: () => scan === undefined && !hasUpcoming,
    fractionRead: () => requests.fractionRead(),
    onKeys: (listener) => {
      reserve = listener
    },
    summary: (readToEnd = true) => {
      const summaryOf = (count: number, distinctKeys: number, losses: TraceLosses): TraceSummary => ({
        file: spec.file,
        format: spec.format,
        speed,
        requests: count,
        distinctKeys,
        skippedByCommand: losses.skippedByCommand,
        badRecords: losses.badRecords,
        lost: losses.lost,
      })
      if (scan) return summaryOf(scan.requests, scan.distinctKeys, scan.losses)
      if (readToEnd) finish()
      const summary = summaryOf(read, requests.keyCount(), requests.losses)
      return finished || !hasUpcoming ? summary : {...summary, partial: true}
    },
    close: () => requests.close(),
  }
}

function foresightOf(scan: TraceScan): Foresight {
  return {firstSizes: scan.firstSizes, fallbackBytes: fallbackValueBytes(scan), timed: scan.firstMs !== null}
}

/** What the trace passed over, for the result's warnings. */
export function traceWarnings(summary: TraceSummary): string[] {
  const warnings: string[] = []
  if (summary.partial) warnings.push(`the run was stopped before the trace's end: its figures (trace.requests, trace.distinctKeys, …) cover the ${summary.requests.toLocaleString('en-US')} requests read so far.`)
  const skipped = Object.entries(summary.skippedByCommand)
  if (skipped.length > 0) {
    const list = skipped.sort((a, b) => b[1] - a[1]).map(([command, count]) => `${count} ${command}`).join(', ')
    warnings.push(`the trace's commands other than reads, writes and deletes were skipped: ${list}.`)
  }
  if (summary.badRecords > 0) warnings.push(`${formatLimit(summary.badRecords)} malformed trace records were skipped (--skip-bad-records).`)
  if (summary.lost > 0) warnings.push(`the capture itself lost ${summary.lost} requests (memcached watch skipped=N), so the trace is incomplete.`)
  return warnings
}

/**
 * The longest a paced replay may take (replayTooLong says "year"): a year, well beyond the month the longest public cache
 * traces span. A timestamp in milliseconds among seconds (a damaged record) put the next request
 * 54,000 years later: in simulated time a run of meaningless per-second figures, on a server a
 * wait that never ends.
 */
const MAX_REPLAY_SPAN_MS = 366 * 24 * 3_600_000

function replayTooLong(spec: TraceSpec, request: number, scheduledMs: number, speed: number): InputError {
  return new InputError(
    `${spec.file}: request ${formatLimit(request)} is due ${dueIn(scheduledMs)} into the replay at speed ${speed}, more than the year a replay may last: a damaged timestamp? Correct it, or replay the trace back to back (--trace-speed max, or trace: {speed: max} in a workload file).`,
  )
}

const YEAR_MS = 365.25 * 24 * 3_600_000

/** A time far past a year in years (`53,871 years`), not in hours with an exponent. */
function dueIn(ms: number): string {
  const years = ms / YEAR_MS
  if (years < 2) return formatDuration(ms)
  return years < 1e9 ? `${formatLimit(Math.round(years))} years` : 'more than a billion years'
}
