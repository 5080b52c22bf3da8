/** What a cache request becomes in a replay; null for commands a replay skips (counted by name). */
export type TraceOperation = 'read' | 'write' | 'delete'

/** One request of a trace, as every format reader fills it (in place, to spare allocations). */
export interface TraceRecord {
  /** Arrival time in ms from the trace's own epoch, or NaN when the format has none. */
  timeMs: number
  /** The key as the trace names it (anonymised text, or a numeric object id). */
  key: string | number
  keyBytes: number
  /** Size of the value read or written, in bytes (0 when the trace does not say). */
  valueBytes: number
  /** The trace's own command name, lower case (get, set, …). */
  command: string
  operation: TraceOperation | null
  /** TTL the request set, in seconds; 0 when none. */
  ttlSeconds: number
  /** How many times the request repeats back-to-back (Meta's op_count); 1 elsewhere. */
  repeat: number
}

export function emptyRecord(): TraceRecord {
  return {timeMs: Number.NaN, key: '', keyBytes: 0, valueBytes: 0, command: '', operation: null, ttlSeconds: 0, repeat: 1}
}

/** A record that does not match its format: what was expected, for "file:line: …" messages. */
export class BadRecord extends Error {}

/**
 * The documented operation mapping: reads, writes and deletes of the memcached and redis
 * vocabularies; anything else (touch, stats, expire, …) is skipped and counted by name.
 */
const OPERATIONS: Record<string, TraceOperation> = {
  get: 'read',
  gets: 'read',
  set: 'write',
  add: 'write',
  replace: 'write',
  cas: 'write',
  append: 'write',
  prepend: 'write',
  incr: 'write',
  decr: 'write',
  incrby: 'write',
  decrby: 'write',
  setex: 'write',
  psetex: 'write',
  setnx: 'write',
  delete: 'delete',
  del: 'delete',
  unlink: 'delete',
}

export function operationOf(command: string): TraceOperation | null {
  return OPERATIONS[command] ?? null
}
