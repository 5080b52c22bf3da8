import {formatLimit, MAX_VALUE_BYTES} from '../workload/limits.js'
/** What a cache request becomes in a replay; null for commands a replay skips (counted by name). */
export type TraceOperation = 'read' | 'write' | 'delete'

/** One request of a trace, as every format reader fills it (in place, to spare allocations). */
export interface TraceRecord {
  /** Arrival time in ms from the trace's own epoch, or NaN when the format has none. */
  timeMs: number
  /** The key as the trace names it (anonymised text, or a numeric object id). */
  key: string | number
  /** The key's dense id when the reader interned it itself (from bytes or words, sparing `key`); −1 otherwise. */
  keyId: number
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
  return {timeMs: Number.NaN, key: '', keyId: -1, keyBytes: 0, valueBytes: 0, command: '', operation: null, ttlSeconds: 0, repeat: 1}
}

/** A record that does not match its format: what was expected, for "file:line: …" messages. */
export class BadRecord extends Error {}

/**
 * Whatever its format, a record's value size is a whole number of bytes no larger than a value
 * can be (a size of -5000 or 1e300 is a damaged record: replayed, it failed as a cache command),
 * and its time, where it has one, a finite number of milliseconds.
 */
export function checkSizes(record: TraceRecord): void {
  const bytes = record.valueBytes
  if (!(Number.isInteger(bytes) && bytes >= 0 && bytes <= MAX_VALUE_BYTES)) {
    throw new BadRecord(`expected a value size from 0 to ${formatLimit(MAX_VALUE_BYTES)} bytes, got ${bytes}`)
  }
  // NaN is a format without times; a time past any clock (a stamp of hundreds of digits) would make a span of Infinity.
  if (record.timeMs === Number.POSITIVE_INFINITY || record.timeMs === Number.NEGATIVE_INFINITY) {
    throw new BadRecord('expected a time in seconds that a clock can hold, got one too large to count in milliseconds')
  }
}

/** Longest text of a record a BadRecord message quotes: a line can be a whole file (CR-only line ends, a binary file). */
const MAX_QUOTED = 60

/** Text of a record as a BadRecord message quotes it: clipped, with control characters (\r, \t) escaped. */
export function quoted(text: string | undefined): string {
  const whole = text ?? ''
  return JSON.stringify(whole.length > MAX_QUOTED ? `${whole.slice(0, MAX_QUOTED - 3)}...` : whole)
}

/**
 * The documented operation mapping: reads, writes and deletes of the memcached and redis
 * vocabularies; anything else (touch, stats, expire, …) is skipped and counted by name.
 */
const OPERATIONS: Record<string, TraceOperation> = {
  get: 'read',
  gets: 'read',
  // Meta kvcache's lease forms (CacheLib cachebench replays them as get and set).
  get_lease: 'read',
  set_lease: 'write',
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
  // Own names only: a trace's "toString" or "constructor" is a command like any unknown one, not the object's.
  return Object.hasOwn(OPERATIONS, command) ? OPERATIONS[command] : null
}

/** 10 letters × 5 bits stay below 2^53, exact in a double. */
const MAX_PACKED_LETTERS = 10
/** The mapped commands of letters only, packed 5 bits a letter (a = 1 … z = 26), so bytes are matched without a string. */
const PACKED_COMMANDS = new Map(
  Object.keys(OPERATIONS)
    .map((command) => [packLetters(command, 0, command.length, (text, at) => text.charCodeAt(at)), command] as const)
    .filter(([packed]) => packed >= 0),
)

function packLetters<T>(source: T, start: number, end: number, codeAt: (source: T, at: number) => number): number {
  if (end - start > MAX_PACKED_LETTERS || end === start) return -1
  let packed = 0
  for (let at = start; at < end; at++) {
    const letter = (codeAt(source, at) | 0x20) - 0x60
    if (letter < 1 || letter > 26) return -1
    packed = packed * 32 + letter
  }
  return packed
}

const byteAt = (bytes: Uint8Array, at: number) => bytes[at]

/** The command last matched: a trace mostly repeats one command (get), which is then compared in place. */
let lastCommand = 'get'

/** The mapped command (lower case) spelled, in any case, by bytes[start, end); null for any other (the text parser then decides). */
export function mappedCommandOfBytes(bytes: Uint8Array, start: number, end: number): string | null {
  if (spells(lastCommand, bytes, start, end)) return lastCommand
  const packed = packLetters(bytes, start, end, byteAt)
  const command = packed < 0 ? null : (PACKED_COMMANDS.get(packed) ?? null)
  if (command !== null) lastCommand = command
  return command
}

/** Whether bytes[start, end) spell the lower-case letters of `command`, in any case (| 0x20 lowers a letter, and makes a letter of nothing else). */
function spells(command: string, bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== command.length) return false
  for (let at = start; at < end; at++) if ((bytes[at] | 0x20) !== command.charCodeAt(at - start)) return false
  return true
}
