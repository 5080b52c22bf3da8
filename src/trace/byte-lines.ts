import {byteChunks} from './byte-chunks.js'

/**
 * The lines of a text trace as byte ranges, numbered from 1, without their line ends ("\r\n"
 * accepted): `bytes[start, end)` is the current line. Nothing is decoded, so a reader that
 * parses bytes makes no string per line; a line cut by a chunk boundary is joined with the
 * next chunk before it is handed out.
 */
export class ByteLines {
  /** Number of the line last returned by next(). */
  lineNumber = 0
  bytes: Buffer = Buffer.alloc(0)
  start = 0
  end = 0
  private readonly chunks: Generator<Uint8Array>
  private position = 0
  private done = false

  constructor(file: string) {
    this.chunks = byteChunks(file)
  }

  /** Moves to the next line; false at the end. */
  next(): boolean {
    for (;;) {
      const newline = this.bytes.indexOf(10, this.position)
      if (newline >= 0) return this.take(newline, newline + 1)
      if (this.done) {
        if (this.position >= this.bytes.length) return false
        return this.take(this.bytes.length, this.bytes.length)
      }
      this.refill()
    }
  }

  /** The current line as text (for messages and the formats that parse strings). */
  text(): string {
    return this.bytes.toString('utf8', this.start, this.end)
  }

  close(): void {
    this.chunks.return(undefined)
  }

  private take(lineEnd: number, next: number): boolean {
    // A UTF-8 byte-order mark before the first line is not part of it (as TextDecoder drops it).
    const bom = this.lineNumber === 0 && this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf && this.position === 0
    this.start = bom ? 3 : this.position
    this.end = lineEnd > this.start && this.bytes[lineEnd - 1] === 13 ? lineEnd - 1 : lineEnd
    this.position = next
    this.lineNumber++
    return true
  }

  private refill(): void {
    const step = this.chunks.next()
    const rest = this.bytes.subarray(this.position)
    this.position = 0
    if (step.done) {
      this.done = true
      this.bytes = rest
      return
    }
    const chunk = Buffer.from(step.value.buffer, step.value.byteOffset, step.value.byteLength)
    this.bytes = rest.length === 0 ? chunk : Buffer.concat([rest, chunk])
  }
}
