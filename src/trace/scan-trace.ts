import type {KeyIds} from './key-ids.js'
import {TraceRequests, type TraceInput, type TraceLosses} from './trace-requests.js'
import {TraceTally} from './trace-tally.js'

/** A first pass over a trace: how long it is, its keys, and its time span. */
export interface TraceScan {
  requests: number
  reads: number
  writes: number
  deletes: number
  distinctKeys: number
  /** First and last arrival, in the trace's ms; null when the format carries no times. */
  firstMs: number | null
  lastMs: number | null
  /** Mean value size over all requests that give one, in bytes (0 when none does). */
  meanValueBytes: number
  /** Per key id: the first non-zero value size the trace gives it (0 when none). */
  firstSizes: Int32Array
  losses: TraceLosses
  /** Some write gives a TTL. */
  hasTtls: boolean
  /** Some key is given a value size other than its first one, or one only after it was first requested without. */
  resizes: boolean
  /** The key ids the replay must use, in the same first-appearance order. */
  keys: KeyIds
}

/**
 * Reads the whole trace once, ahead of what walks it: mrc and plan size their curves by it, and a
 * replay makes it where the run's key count or a key's later size must be known first
 * (openTraceReplay). A malformed record is refused before anything is sent.
 */
export function scanTrace(input: TraceInput): TraceScan {
  const requests = new TraceRequests(input)
  const tally = new TraceTally()
  try {
    while (requests.next()) tally.add(requests)
  } finally {
    requests.close()
  }
  return scanOf(tally, requests.losses, requests.keys)
}

/** A tally over a whole trace as its scan. */
export function scanOf(tally: TraceTally, losses: TraceLosses, keys: KeyIds): TraceScan {
  return {...tallyFigures(tally), distinctKeys: keys.size, losses, keys}
}

/** What a tally knows of the requests it counted: a scan's figures but those of the keys and losses. */
export function tallyFigures(tally: TraceTally): Omit<TraceScan, 'distinctKeys' | 'losses' | 'keys'> {
  const {reads, writes, deletes, firstMs, lastMs, firstSizes, hasTtls, resizes} = tally
  return {requests: tally.requests, reads, writes, deletes, firstMs, lastMs, meanValueBytes: tally.meanValueBytes, firstSizes, hasTtls, resizes}
}
