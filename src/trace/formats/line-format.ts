import {Lines} from '../lines.js'
import type {TraceReader} from '../trace-format.js'
import type {TraceRecord} from '../trace-record.js'

/**
 * A text format read line by line: `parse` fills the record from one line and returns false for
 * a line that carries no request (a header, a blank line, a server's "OK"), true otherwise.
 */
export function lineReader(file: string, parse: (line: string, record: TraceRecord) => boolean, extras: LineReaderExtras = {}): TraceReader {
  const lines = new Lines(file)
  return {
    next(record) {
      if (extras.waiting?.(record)) return true
      for (;;) {
        const line = lines.next()
        if (line === null) return extras.finish?.(record) ?? false
        if (parse(line, record)) return true
      }
    },
    position: () => `${file}:${lines.lineNumber}`,
    lost: extras.lost ?? (() => 0),
    fractionRead: () => lines.fractionRead(),
    close: () => lines.close(),
  }
}

export interface LineReaderExtras {
  /** Requests the capture says it lost. */
  lost?: () => number
  /** Before reading on: fills a record the parser held back and has since decided, if any. */
  waiting?: (record: TraceRecord) => boolean
  /** At the end of the file: fills a record held back by the parser, if any (called until false). */
  finish?: (record: TraceRecord) => boolean
}

/** A whole number ≥ 0 from a CSV field; NaN when it is not one. */
export function count(field: string | undefined): number {
  if (field === undefined || field === '') return Number.NaN
  const value = Number(field)
  return Number.isInteger(value) && value >= 0 ? value : Number.NaN
}
