import {byteChunks} from './byte-chunks.js'

/** The lines of a text trace, without their line ends, numbered from 1; "\r\n" ends are accepted. */
export class Lines {
  /** Number of the line last returned by next(). */
  lineNumber = 0
  private readonly chunks: Generator<Uint8Array>
  private readonly decoder = new TextDecoder('utf-8')
  private pending: string[] = []
  private index = 0
  private partial = ''
  private done = false

  constructor(file: string) {
    this.chunks = byteChunks(file)
  }

  /** The next line, or null at the end. */
  next(): string | null {
    while (this.index >= this.pending.length) {
      if (this.done) return null
      this.refill()
    }
    this.lineNumber++
    const line = this.pending[this.index++]
    return line.endsWith('\r') ? line.slice(0, -1) : line
  }

  close(): void {
    this.chunks.return(undefined)
  }

  private refill(): void {
    const step = this.chunks.next()
    let text: string
    if (step.done) {
      this.done = true
      text = this.partial + this.decoder.decode()
      this.partial = ''
      this.pending = text === '' ? [] : [text]
    } else {
      text = this.partial + this.decoder.decode(step.value, {stream: true})
      const parts = text.split('\n')
      this.partial = parts.pop() as string
      this.pending = parts
    }
    this.index = 0
  }
}
