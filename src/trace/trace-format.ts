import type {KeyIds} from './key-ids.js'
import type {TraceRecord} from './trace-record.js'

/** Reads one trace format, record by record, synchronously. */
export interface TraceReader {
  /** Fills `record` with the next request; false at the end. Throws BadRecord for a malformed one and can go on after it. */
  next(record: TraceRecord): boolean
  /** Where the record last read is, for messages: "file:line" or "file, byte N". */
  position(): string
  /** Requests the capture itself says it lost (memcached's `skipped=N` lines). */
  lost(): number
  /** Share of the trace file read so far, 0..1: a replay's progress. */
  fractionRead(): number
  close(): void
}

export interface TraceFormat {
  name: string
  /** One line for help and errors. */
  description: string
  /** `keys`: for readers that intern keys themselves into record.keyId. */
  open(file: string, keys: KeyIds): TraceReader
}
