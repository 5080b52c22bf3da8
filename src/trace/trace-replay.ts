import {InputError} from '../errors.js'
import type {KeyDistribution} from '../generators/key-distribution.js'
import type {OperationMix} from '../generators/operation-mix.js'
import type {ValueSizeGenerator} from '../generators/value-size.js'
import type {TtlPolicy} from '../strategies/ttl-policy.js'
import type {TraceSpec, Workload} from '../workload/types.js'
import {fallbackValueBytes, scanReplayableTrace, traceWorkload} from './describe-trace.js'
import {TraceRequests} from './trace-requests.js'
import type {TraceOperation} from './trace-record.js'

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
}

/**
 * A trace as the runner's operation source: the mix hands out the trace's operations in order,
 * the keys its key ids, and — unless the replay runs back to back — the arrival gaps follow its
 * timestamps divided by the speed. Value sizes and TTLs are those the trace last gave the key.
 */
export interface TraceReplay {
  /** The workload as the run sees it: keyspace, values and mix describe the trace. */
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
  /** Operations the run issues: the whole trace, or fewer when load.operations says so. */
  operations: number
  summary(): TraceSummary
  close(): void
}

export function openTraceReplay(workload: Workload, spec: TraceSpec): TraceReplay {
  const scan = scanReplayableTrace(spec)
  const timed = scan.firstMs !== null
  const speed = spec.speed ?? (timed ? 1 : 'max')
  if (speed !== 'max' && !timed) throw new InputError(`trace.speed ${speed} needs arrival times, and ${spec.format} traces like ${spec.file} have none; use speed: max.`)
  const requests = new TraceRequests(spec, scan.keys)
  requests.next()
  const sizes = Int32Array.from(scan.firstSizes.subarray(0, scan.distinctKeys))
  const ttls = new Float64Array(scan.distinctKeys)
  const fallbackSize = fallbackValueBytes(scan)
  let hasUpcoming = true
  let key = 0
  let timeMs = 0
  let initialKey = 0

  const advance = (): TraceOperation => {
    // The first pass counted the requests the run draws; fewer now means the file changed since.
    if (!hasUpcoming) throw new InputError(`${spec.file}: the trace ended after fewer requests than its first pass counted (${scan.requests}); was it changed during the run?`)
    const operation = requests.operation
    key = requests.keyId
    if (key >= scan.distinctKeys) throw new InputError(`${spec.file}: the trace holds keys its first pass did not see; was it changed during the run?`)
    timeMs = requests.timeMs
    if (requests.valueBytes > 0) sizes[key] = requests.valueBytes
    if (operation === 'write' && requests.ttlSeconds > 0) ttls[key] = requests.ttlSeconds * 1000
    hasUpcoming = requests.next()
    return operation
  }
  const sizeOf = (id: number) => sizes[id] || fallbackSize
  const operations = spec.wholeTrace || workload.load.operations === null ? scan.requests : Math.min(workload.load.operations, scan.requests)
  return {
    workload: traceWorkload(workload, scan, fallbackSize),
    mix: {next: advance},
    keys: {nextKey: () => key, nextWriteKey: () => key},
    valueSizes: {next: () => sizeOf(key)},
    initialSizes: {next: () => sizeOf(initialKey++)},
    ttl: {next: () => ttls[key] || null},
    arrivalGap: speed === 'max' ? null : () => (hasUpcoming && requests.timeMs > timeMs ? (requests.timeMs - timeMs) / speed : 0),
    operations,
    summary: () => ({
      file: spec.file,
      format: spec.format,
      speed,
      requests: scan.requests,
      distinctKeys: scan.distinctKeys,
      skippedByCommand: scan.losses.skippedByCommand,
      badRecords: scan.losses.badRecords,
      lost: scan.losses.lost,
    }),
    close: () => requests.close(),
  }
}

/** What the trace passed over, for the result's warnings. */
export function traceWarnings(summary: TraceSummary): string[] {
  const warnings: string[] = []
  const skipped = Object.entries(summary.skippedByCommand)
  if (skipped.length > 0) {
    const list = skipped.sort((a, b) => b[1] - a[1]).map(([command, count]) => `${count} ${command}`).join(', ')
    warnings.push(`the trace's commands other than reads, writes and deletes were skipped: ${list}.`)
  }
  if (summary.badRecords > 0) warnings.push(`${summary.badRecords} malformed trace records were skipped (--skip-bad-records).`)
  if (summary.lost > 0) warnings.push(`the capture itself lost ${summary.lost} requests (memcached watch skipped=N), so the trace is incomplete.`)
  return warnings
}
