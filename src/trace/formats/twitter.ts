import {ByteLines} from '../byte-lines.js'
import type {KeyIds} from '../key-ids.js'
import {BadRecord, mappedCommandOfBytes, operationOf, quoted, type TraceRecord} from '../trace-record.js'
import type {TraceFormat} from '../trace-format.js'
import {count} from './line-format.js'

const COMMA = 44

/**
 * Twitter's twemcache traces (github.com/twitter/cache-trace README, "Trace Format"): one request
 * per line, seven comma-separated columns — timestamp (s), anonymised key, key size, value size,
 * client id, operation (get/gets/set/add/replace/cas/append/prepend/delete/incr/decr), TTL (0
 * for non-writes). No header. Keys keep their namespaces, so a key may itself hold commas in
 * principle: the key is everything between the first field and the last five.
 *
 * Lines are parsed as bytes — whole numbers and mapped commands read in place, the key interned
 * from its bytes — so a request costs no string; anything else (decimal times, skipped commands,
 * malformed lines) takes the string parser, which also words the errors.
 */
export const twitterFormat: TraceFormat = {
  name: 'twitter',
  description: "Twitter's 7-column CSV: timestamp,key,key size,value size,client id,operation,TTL",
  open(file, keys) {
    const lines = new ByteLines(file)
    return {
      next(record) {
        for (;;) {
          if (!lines.next(COMMA)) return false
          if (lines.start === lines.end) continue
          parseLine(lines, keys, record)
          return true
        }
      },
      position: () => `${file}:${lines.lineNumber}`,
      lost: () => 0,
      fractionRead: () => lines.fractionRead(),
      close: () => lines.close(),
    }
  },
}

/** Fills the record from the current line, whose commas ByteLines has marked. */
function parseLine(lines: ByteLines, keys: KeyIds, record: TraceRecord): void {
  const {bytes, start, end} = lines
  const n = lines.markCount
  if (n < 6) {
    parseText(lines.text(), record)
    return
  }
  const at = lines.marks
  const time = wholeNumber(bytes, start, at[0])
  const keyBytes = wholeNumber(bytes, at[n - 5] + 1, at[n - 4])
  const valueBytes = wholeNumber(bytes, at[n - 4] + 1, at[n - 3])
  const ttl = wholeNumber(bytes, at[n - 1] + 1, end)
  const command = mappedCommandOfBytes(bytes, at[n - 2] + 1, at[n - 1])
  if (time < 0 || keyBytes < 0 || valueBytes < 0 || ttl < 0 || command === null) parseText(lines.text(), record)
  else {
    record.timeMs = time * 1000
    record.keyBytes = keyBytes
    record.valueBytes = valueBytes
    record.command = command
    record.operation = operationOf(command)
    record.ttlSeconds = ttl
    record.repeat = 1
  }
  // memcached has no empty key: such a line is damaged, not a request for one key shared by all.
  if (at[0] + 1 === at[n - 5]) throw new BadRecord('expected a key in column 2, got an empty one')
  record.keyId = keys.idOfBytes(bytes, at[0] + 1, at[n - 5])
}

/** Decimal digits only, below 2^53; −1 for anything else (the string parser then decides). */
function wholeNumber(bytes: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1
  let value = 0
  for (let i = start; i < end; i++) {
    const digit = bytes[i] - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/** The line as text: every field checked, with the message a malformed one gets. */
function parseText(line: string, record: TraceRecord): void {
  const fields = line.split(',')
  const n = fields.length
  if (n < 7) throw new BadRecord(`expected 7 comma-separated fields (timestamp,key,key size,value size,client id,operation,TTL), got ${n}`)
  const time = Number(fields[0])
  const keyBytes = count(fields[n - 5])
  const valueBytes = count(fields[n - 4])
  const ttl = count(fields[n - 1])
  if (fields[0] === '' || !Number.isFinite(time)) throw new BadRecord(`expected a timestamp in seconds, got ${quoted(fields[0])}`)
  if (Number.isNaN(keyBytes) || Number.isNaN(valueBytes)) throw new BadRecord(`expected whole byte counts for key and value size, got ${quoted(fields[n - 5])} and ${quoted(fields[n - 4])}`)
  if (Number.isNaN(ttl)) throw new BadRecord(`expected a TTL in whole seconds, got ${quoted(fields[n - 1])}`)
  record.timeMs = time * 1000
  record.keyBytes = keyBytes
  record.valueBytes = valueBytes
  record.command = fields[n - 2].toLowerCase()
  record.operation = operationOf(record.command)
  record.ttlSeconds = ttl
  record.repeat = 1
}
