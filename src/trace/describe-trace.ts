import {InputError} from '../errors.js'
import type {TraceSpec, Workload} from '../workload/types.js'
import {scanTrace, type TraceScan} from './scan-trace.js'

/** The workload with its keyspace, values and mix set to what the trace holds, for sizing and reports. */
export function traceWorkload(workload: Workload, scan: Pick<TraceScan, 'distinctKeys' | 'requests' | 'reads' | 'writes' | 'deletes'>, meanBytes: number): Workload {
  return {
    ...workload,
    keyspace: {...workload.keyspace, count: scan.distinctKeys, distribution: 'uniform'},
    values: {distribution: 'fixed', bytes: meanBytes},
    mix: {read: scan.reads / scan.requests, write: scan.writes / scan.requests, delete: scan.deletes / scan.requests},
  }
}

/** Value size of keys the trace gives none: the trace's mean. */
export function fallbackValueBytes(scan: Pick<TraceScan, 'meanValueBytes'>): number {
  return Math.max(1, Math.round(scan.meanValueBytes))
}

/** The scan of a trace that must hold something to replay. */
export function scanReplayableTrace(spec: TraceSpec): TraceScan {
  const scan = scanTrace(spec)
  if (scan.requests === 0) throw new InputError(noRequests(spec))
  return scan
}

export function noRequests(spec: Pick<TraceSpec, 'file'>): string {
  return `${spec.file}: the trace holds no read, write or delete requests.`
}

/**
 * A trace workload as the capacity tools (mrc, plan) need it before they walk the trace: one
 * pass sizes the keyspace and values, sets the mix and the number of requests, and notes the
 * traits that decide whether stack distances give its exact curve. Other workloads unchanged.
 */
export function describeTrace(workload: Workload): Workload {
  const spec = workload.trace
  if (spec === undefined) return workload
  const scan = scanReplayableTrace(spec)
  const described = traceWorkload(workload, scan, fallbackValueBytes(scan))
  const cut = spec.wholeTrace ? null : workload.load.operations
  const cutByDuration = !spec.wholeTrace && cut === null
  return {
    ...described,
    load: cutByDuration ? workload.load : {...workload.load, operations: cut === null ? scan.requests : Math.min(cut, scan.requests)},
    trace: {...spec, traits: {ttls: scan.hasTtls, resizes: scan.resizes, requestsPerSec: pacedRate(spec, scan)}},
  }
}

/** The replay's pace in requests per second: n requests span n - 1 gaps of the trace's time, divided by the speed. */
function pacedRate(spec: TraceSpec, scan: Pick<TraceScan, 'requests' | 'firstMs' | 'lastMs'>): number | null {
  if (spec.speed === 'max' || scan.firstMs === null || scan.lastMs === null || scan.lastMs <= scan.firstMs) return null
  return ((scan.requests - 1) / (scan.lastMs - scan.firstMs)) * 1000 * (spec.speed ?? 1)
}
