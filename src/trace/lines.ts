import {ByteLines} from './byte-lines.js'

/** The lines of a text trace as strings, without their line ends, numbered from 1; "\r\n" ends are accepted. */
export class Lines {
  private readonly lines: ByteLines

  constructor(file: string) {
    this.lines = new ByteLines(file)
  }

  /** Number of the line last returned by next(). */
  get lineNumber(): number {
    return this.lines.lineNumber
  }

  /** The next line, or null at the end. */
  next(): string | null {
    return this.lines.next() ? this.lines.text() : null
  }

  /** Share of the trace file read so far, 0..1. */
  fractionRead(): number {
    return this.lines.fractionRead()
  }

  close(): void {
    this.lines.close()
  }
}
