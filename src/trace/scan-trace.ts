import {grownInt32} from '../engine/typed-array-growth.js'
import type {KeyIds} from './key-ids.js'
import {TraceRequests, type TraceInput, type TraceLosses} from './trace-requests.js'

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
 * Reads the whole trace once before a replay: the runner sizes its key space, origin and
 * metrics by the distinct keys, and a malformed record is refused before any load is sent.
 */
export function scanTrace(input: TraceInput): TraceScan {
  const requests = new TraceRequests(input)
  // Counters in locals rather than an object keyed by the operation's name: this loop runs once per request.
  let reads = 0
  let writes = 0
  let deletes = 0
  let firstMs: number | null = null
  let lastMs: number | null = null
  let sizeTotal = 0
  let sized = 0
  let firstSizes: Int32Array = new Int32Array(1024)
  let hasTtls = false
  let resizes = false
  /** Keys seen so far: ids are dense in order of first appearance, so id = seen is a new key. */
  let seen = 0
  try {
    while (requests.next()) {
      const operation = requests.operation
      if (operation === 'read') reads++
      else if (operation === 'write') {
        writes++
        if (requests.ttlSeconds > 0) hasTtls = true
      } else deletes++
      const time = requests.timeMs
      if (time === time) {
        firstMs ??= time
        lastMs = time
      }
      const bytes = requests.valueBytes
      const key = requests.keyId
      const isNew = key === seen
      if (isNew) seen++
      if (bytes > 0) {
        sizeTotal += bytes
        sized++
        if (key >= firstSizes.length) firstSizes = grownInt32(firstSizes, firstSizes.length * 2, 0)
        if (firstSizes[key] === 0) {
          firstSizes[key] = bytes
          if (!isNew) resizes = true
        } else if (firstSizes[key] !== bytes) resizes = true
      }
    }
  } finally {
    requests.close()
  }
  return {
    requests: reads + writes + deletes,
    reads,
    writes,
    deletes,
    distinctKeys: requests.keys.size,
    firstMs,
    lastMs,
    meanValueBytes: sized === 0 ? 0 : sizeTotal / sized,
    firstSizes,
    losses: requests.losses,
    hasTtls,
    resizes,
    keys: requests.keys,
  }
}
