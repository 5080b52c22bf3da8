/**
 * The shared memory through which a reading thread hands a trace's requests to the thread that
 * replays them: a ring of request records in parallel typed arrays, filled and drained a batch
 * at a time, with two counters (records published, records consumed) that both sides wait on.
 *
 * Counters count records modulo 2^31 (Int32 cells, for Atomics.wait); the ring's capacity is a
 * power of two far below that, so a record's slot is its count modulo the capacity, across the
 * wrap too. Batches are aligned (batch b holds records b·BATCH … b·BATCH + BATCH − 1; only the
 * last one of a trace is short), so a batch's header slot follows from any of its records.
 */
export const BATCH = 4096
/** Batches in the ring: room for the reader to run ahead without waiting on each one. */
const BATCHES = 16
export const CAPACITY = BATCH * BATCHES
export const COUNT_MASK = 0x7fffffff

/** Cells of the control array. */
export const PUBLISHED = 0
export const CONSUMED = 1
/** RUNNING, ENDED or FAILED: the reader has published everything it will. */
export const STATE = 2
/** Set by the replaying side when it needs no more: the reader stops. */
export const STOP = 3
/** Bumped by the reader as it works, so that the replaying side can tell a slow disk from a reader that died. */
export const HEARTBEAT = 4
const CONTROL_CELLS = 5

export const RUNNING = 0
export const ENDED = 1
export const FAILED = 2

export const OPERATIONS = ['read', 'write', 'delete'] as const

/** The ring's views over one SharedArrayBuffer; both threads build theirs from the same buffer. */
export interface RequestRing {
  buffer: SharedArrayBuffer
  control: Int32Array
  keyIds: Int32Array
  operations: Uint8Array
  valueBytes: Float64Array
  keyBytes: Float64Array
  timeMs: Float64Array
  ttlSeconds: Float64Array
  /** Per record: times it repeats after itself (op_count − 1), passed on as a count, never expanded. */
  repeats: Float64Array
  /** Per record: distinct keys the reader had met once it had read it. */
  keysAfter: Int32Array
  /** Per batch: share of the file read when it was published. */
  batchFraction: Float64Array
}

/** Float64 arrays first, so every view starts on its own alignment. */
export function requestRing(buffer = new SharedArrayBuffer(CAPACITY * (5 * 8 + 2 * 4 + 1) + BATCHES * 8 + CONTROL_CELLS * 4)): RequestRing {
  let at = 0
  const take = <T>(make: (buffer: SharedArrayBuffer, offset: number, length: number) => T, length: number, bytes: number): T => {
    const view = make(buffer, at, length)
    at += length * bytes
    return view
  }
  const f64 = (length: number) => take((b, o, l) => new Float64Array(b, o, l), length, 8)
  const valueBytes = f64(CAPACITY)
  const keyBytes = f64(CAPACITY)
  const timeMs = f64(CAPACITY)
  const ttlSeconds = f64(CAPACITY)
  const repeats = f64(CAPACITY)
  const batchFraction = f64(BATCHES)
  const keyIds = take((b, o, l) => new Int32Array(b, o, l), CAPACITY, 4)
  const keysAfter = take((b, o, l) => new Int32Array(b, o, l), CAPACITY, 4)
  const control = take((b, o, l) => new Int32Array(b, o, l), CONTROL_CELLS, 4)
  const operations = take((b, o, l) => new Uint8Array(b, o, l), CAPACITY, 1)
  return {buffer, control, keyIds, keysAfter, operations, valueBytes, keyBytes, timeMs, ttlSeconds, repeats, batchFraction}
}

/** The header slot of the batch that holds record `count`. */
export function batchSlot(count: number): number {
  return ((count & (CAPACITY - 1)) / BATCH) | 0
}
