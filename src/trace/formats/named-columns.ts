import {formatLimit, MAX_OPERATIONS} from '../../workload/limits.js'
import {BadRecord, operationOf, quoted, type TraceRecord} from '../trace-record.js'
import type {TraceFormat} from '../trace-format.js'
import {count, lineReader} from './line-format.js'

/** Which header names fill which part of a record; the first name found wins. */
export interface ColumnNames {
  key: readonly string[]
  operation: readonly string[]
  valueBytes: readonly string[]
  keyBytes: readonly string[]
  timeSeconds: readonly string[]
  ttlSeconds: readonly string[]
  repeat: readonly string[]
}

type Columns = {[K in keyof ColumnNames]: number}

/**
 * A CSV whose first line names its columns; columns are found by name, so their order does not
 * matter. Only key is required; a missing operation column means every request is a get.
 */
export function namedColumnsFormat(name: string, description: string, names: ColumnNames): TraceFormat {
  return {
    name,
    description,
    open(file) {
      let columns: Columns | null = null
      return lineReader(file, (line, record) => {
        if (line === '') return false
        const fields = line.split(',')
        if (columns === null) {
          columns = findColumns(fields, names)
          return false
        }
        fill(record, fields, columns)
        return true
      })
    },
  }
}

function findColumns(header: string[], names: ColumnNames): Columns {
  const normalised = header.map((field) => field.trim().toLowerCase())
  const find = (wanted: readonly string[]) => normalised.findIndex((field) => wanted.includes(field))
  const columns = Object.fromEntries(Object.entries(names).map(([part, wanted]) => [part, find(wanted)])) as Columns
  if (columns.key < 0) throw new BadRecord(`expected a header line naming a key column (${names.key.join(' or ')}), got ${quoted(header.join(','))}`)
  return columns
}

function fill(record: TraceRecord, fields: string[], columns: Columns): void {
  const field = (index: number) => (index < 0 ? undefined : fields[index])
  const key = field(columns.key)
  if (key === undefined || key === '') throw new BadRecord(`expected a key in column ${columns.key + 1}, got ${fields.length} fields`)
  record.key = key
  record.command = (field(columns.operation) ?? 'get').trim().toLowerCase()
  record.operation = operationOf(record.command)
  record.valueBytes = optionalCount(field(columns.valueBytes), 'value size')
  record.keyBytes = columns.keyBytes < 0 ? Buffer.byteLength(key) : optionalCount(field(columns.keyBytes), 'key size')
  record.ttlSeconds = optionalCount(field(columns.ttlSeconds), 'TTL')
  const repeat = columns.repeat < 0 ? 1 : count(field(columns.repeat))
  // A count past what a whole run may hold is a slip (1e15), and would be expanded one request at a time for ever.
  if (!(repeat >= 1 && repeat <= MAX_OPERATIONS)) throw new BadRecord(`expected a whole request count from 1 to ${formatLimit(MAX_OPERATIONS)}, got ${quoted(field(columns.repeat))}`)
  record.repeat = repeat
  const time = field(columns.timeSeconds)
  record.timeMs = time === undefined ? Number.NaN : Number(time) * 1000
  if (time !== undefined && !Number.isFinite(record.timeMs)) throw new BadRecord(`expected a time in seconds, got ${quoted(time)}`)
}

function optionalCount(text: string | undefined, what: string): number {
  if (text === undefined || text === '') return 0
  const value = count(text)
  if (Number.isNaN(value)) throw new BadRecord(`expected a whole ${what} ≥ 0, got ${quoted(text)}`)
  return value
}
