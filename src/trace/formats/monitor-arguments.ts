import {BadRecord} from '../trace-record.js'
import {hexByte, literalBytes} from './byte-string.js'

const SPACE = 0x20
const QUOTE = 0x22
const BACKSLASH = 0x5c
const LOWER_X = 0x78
const LAST_ASCII = 0x7f
const LAST_TWO_BYTE = 0x7ff
const FIRST_HIGH_SURROGATE = 0xd800
const LAST_HIGH_SURROGATE = 0xdbff

/** Which argument of a write carries its value (the command's name in lower case); writes not listed are not sized. */
const VALUE_ARGUMENT: ReadonlyMap<string, number> = new Map([
  ['set', 2],
  ['setnx', 2],
  ['setex', 3],
  ['psetex', 3],
])

/** One MONITOR line's arguments, as `monitorArguments` reads them. */
export interface MonitorArguments {
  /** Each argument unescaped into a byte string (byte-string.ts), the written value's left empty. */
  args: string[]
  /** The written value's size in bytes; 0 for a command that writes none. */
  valueBytes: number
}

/**
 * The quoted arguments of a MONITOR line (after the client), C-style escapes undone (\\ \" \n \r
 * \t \a \b \xHH, as Redis's sdscatrepr writes them). A written value is only measured: a capture
 * carries whole values, often escaped byte by byte (a binary value is four characters a byte),
 * and unescaping them into strings made parsing most of the time of replaying a capture.
 */
export function monitorArguments(text: string): MonitorArguments {
  const args: string[] = []
  let valueAt = -1
  let valueBytes = 0
  let index = 0
  while (index < text.length) {
    if (text.charCodeAt(index) === SPACE) {
      index++
      continue
    }
    if (text.charCodeAt(index) !== QUOTE) throw new BadRecord(`expected a quoted argument at column ${index + 1}`)
    const end = closingQuote(text, index + 1)
    if (args.length === valueAt) {
      valueBytes = scannedBytes
      args.push('')
    } else {
      args.push(unescaped(text, index + 1, end))
      if (args.length === 1) valueAt = VALUE_ARGUMENT.get(args[0].toLowerCase()) ?? -1
    }
    index = end + 1
  }
  return {args, valueBytes}
}

/** Bytes of the argument `closingQuote` last scanned. */
let scannedBytes = 0

/** Where the argument starting at `start` (after its opening quote) ends, its size in bytes left in `scannedBytes`. */
function closingQuote(text: string, start: number): number {
  let bytes = 0
  let index = start
  for (;;) {
    if (index >= text.length) throw new BadRecord('expected a closing quote')
    const code = text.charCodeAt(index)
    if (code === QUOTE) break
    if (code === BACKSLASH) {
      index += escapeLength(text, index)
      bytes++
    } else if (code <= LAST_ASCII) {
      index++
      bytes++
    } else {
      // A character the server would have escaped, held as UTF-8 by the file.
      const pair = code >= FIRST_HIGH_SURROGATE && code <= LAST_HIGH_SURROGATE
      bytes += pair ? 4 : code <= LAST_TWO_BYTE ? 2 : 3
      index += pair ? 2 : 1
    }
  }
  scannedBytes = bytes
  return index
}

/** Characters of the escape at `text[at]` (a backslash), checked. */
function escapeLength(text: string, at: number): number {
  const escaped = text.charCodeAt(at + 1)
  if (Number.isNaN(escaped)) throw new BadRecord('expected a closing quote')
  if (escaped !== LOWER_X) return 2
  if (Number.isNaN(hexByte(text, at + 2))) throw new BadRecord(`expected two hex digits after \\x at column ${at + 1}`)
  return 4
}

/** `text[start, end)` with its escapes undone, as a byte string. */
function unescaped(text: string, start: number, end: number): string {
  let value = ''
  let index = start
  for (let backslash = text.indexOf('\\', index); backslash >= 0 && backslash < end; backslash = text.indexOf('\\', index)) {
    value += literalBytes(text, index, backslash) + escapedByte(text, backslash)
    index = backslash + escapeLength(text, backslash)
  }
  return value + literalBytes(text, index, end)
}

/** The byte the escape at `text[at]` stands for (its length checked by escapeLength). */
function escapedByte(text: string, at: number): string {
  const escaped = text[at + 1]
  if (escaped === 'x') return String.fromCharCode(hexByte(text, at + 2))
  return ESCAPES[escaped] ?? literalBytes(escaped, 0, 1)
}

const ESCAPES: Record<string, string> = {n: '\n', r: '\r', t: '\t', a: '\u0007', b: '\b', '\\': '\\', '"': '"'}
