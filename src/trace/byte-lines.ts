import {InputError} from '../errors.js'
import {TraceBytes} from './trace-bytes.js'

const BUFFER_BYTES = 1 << 20
/**
 * The longest line read: a record of the text formats is a few hundred bytes (a MONITOR line
 * quotes its value, so a large SET can run to megabytes). Past this the file is not a trace of
 * the format, and buffering on would take memory without bound: a 600 MB line of a 600 KB .gz
 * took 2 GB before this limit.
 */
const MAX_LINE_BYTES = 16 << 20
const NEWLINE = 10
const RETURN = 13

/**
 * The lines of a text trace as byte ranges, numbered from 1, without their line ends ("\r\n"
 * accepted): `bytes[start, end)` is the current line. Nothing is decoded, so a reader that
 * parses bytes makes no string per line. The trace is read into one buffer that is reused (a
 * line cut by its end moves to the front before the next read; a line longer than the buffer
 * doubles it), so lines cost no allocation either.
 *
 * next(separator) also notes where that byte falls in the line (`marks`, `markCount`), found in
 * the same pass as the line's end: a CSV parser then reads its fields without scanning again.
 */
export class ByteLines {
  /** Number of the line last returned by next(). */
  lineNumber = 0
  bytes: Buffer = Buffer.allocUnsafe(BUFFER_BYTES)
  start = 0
  end = 0
  /** Positions of the separator in the current line, the first `markCount` of them. */
  marks: Int32Array = new Int32Array(16)
  markCount = 0
  private readonly source: TraceBytes
  /** bytes[0, filled) hold trace data; the next line starts at `position`. */
  private filled = 0
  private position = 0
  private done = false

  constructor(private readonly file: string) {
    this.source = new TraceBytes(file)
  }

  /** Moves to the next line, noting where `separator` (a byte value, −1 for none) falls in it; false at the end. */
  next(separator = -1): boolean {
    for (;;) {
      const bytes = this.bytes
      const filled = this.filled
      let marks = this.marks
      let count = 0
      let at = this.position
      for (; at < filled; at++) {
        const byte = bytes[at]
        if (byte === NEWLINE) break
        if (byte === separator) {
          if (count === marks.length) marks = this.growMarks()
          marks[count++] = at
        }
      }
      this.markCount = count
      if (at < filled) return this.take(at, at + 1)
      if (this.done) return this.position < filled && this.take(filled, filled)
      this.refill()
    }
  }

  /** Share of the trace file read so far, 0..1. */
  fractionRead(): number {
    return this.source.fractionRead()
  }

  /** The current line as text (for messages and the formats that parse strings). */
  text(): string {
    return this.bytes.toString('utf8', this.start, this.end)
  }

  close(): void {
    this.source.close()
  }

  private take(lineEnd: number, next: number): boolean {
    // A UTF-8 byte-order mark before the first line is not part of it (as TextDecoder drops it).
    const bom = this.lineNumber === 0 && this.position === 0 && this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf
    this.start = bom ? 3 : this.position
    this.end = lineEnd > this.start && this.bytes[lineEnd - 1] === RETURN ? lineEnd - 1 : lineEnd
    this.position = next
    this.lineNumber++
    return true
  }

  /** Moves the unfinished line to the front and reads on after it (the line is then scanned again from its start). */
  private refill(): void {
    const rest = this.filled - this.position
    if (rest === this.bytes.length) {
      if (rest >= MAX_LINE_BYTES) {
        throw new InputError(`${this.file}:${this.lineNumber + 1}: the line runs past ${MAX_LINE_BYTES >> 20} MiB without ending, far longer than a trace record: is this a trace of that format?`)
      }
      const grown = Buffer.allocUnsafe(this.bytes.length * 2)
      this.bytes.copy(grown, 0, this.position, this.filled)
      this.bytes = grown
    } else this.bytes.copyWithin(0, this.position, this.filled)
    this.position = 0
    this.filled = rest
    const read = this.source.read(this.bytes, rest)
    if (read === 0) this.done = true
    this.filled += read
  }

  private growMarks(): Int32Array {
    const grown = new Int32Array(this.marks.length * 2)
    grown.set(this.marks)
    this.marks = grown
    return grown
  }
}
