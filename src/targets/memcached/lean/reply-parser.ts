/**
 * Replies to the commands the lean client sends, as they arrive: meta replies (`VA <size>` with
 * its data block, `EN`, `HD`, `NS`, `NF`, `EX`, `MN`) and the text protocol's lines (`STAT …`,
 * `END`, `OK`, `VERSION …`, `ERROR`, `CLIENT_ERROR …`, `SERVER_ERROR …`). A reply may be split
 * at any byte across socket reads; a data block larger than one read is assembled in a buffer of
 * its announced size, so it is copied once whatever the number of reads.
 */
export interface ReplySink {
  /** The data of a `VA` reply: the `length` bytes at `start` of `data`, valid only during the call. */
  value(data: Buffer, start: number, length: number): void
  /** A two-letter meta reply without flags, as `(first byte << 8) | second byte` (see STATUS). */
  status(code: number): void
  /** Any other line, without its CRLF. */
  line(text: string): void
}

const code = (text: string): number => (text.charCodeAt(0) << 8) | text.charCodeAt(1)

/** Two-letter meta replies (memcached 1.6 protocol.txt, "Meta Get" / "Meta Set" / "Meta Delete"). */
export const STATUS = {
  miss: code('EN'),
  stored: code('HD'),
  notStored: code('NS'),
  notFound: code('NF'),
  exists: code('EX'),
  noop: code('MN'),
} as const

/** A reply stream that is not memcached's protocol: the connection cannot be trusted any more. */
export class ProtocolError extends Error {}

const CR = 13
const LF = 10
const V = 86
const A = 65
const SPACE = 32
/** Longest reply line accepted before the stream is declared garbage (a `STAT` line is far shorter). */
const MAX_LINE_BYTES = 64 * 1024
/** memcached's item size limit (-I) is at most 1 GiB (memcached.c, "Cannot set item size limit higher than 1 gigabyte"). */
const MAX_VALUE_BYTES = 1024 * 1024 * 1024

export class ReplyParser {
  /** Bytes of a line whose LF has not arrived yet. */
  private partialLine: Buffer | null = null
  /** Size of the data block being read (−1 between replies). */
  private valueBytes = -1
  /** The data block plus its CRLF, when it spans reads. */
  private block: Buffer | null = null
  private filled = 0

  constructor(private readonly sink: ReplySink) {}

  /** Throws ProtocolError on a stream that is not memcached's. */
  feed(chunk: Buffer): void {
    let position = 0
    while (position < chunk.length) {
      if (this.valueBytes >= 0) {
        position = this.readBlock(chunk, position)
        continue
      }
      if (this.partialLine === null) {
        const next = this.wholeValue(chunk, position)
        if (next > 0) {
          position = next
          continue
        }
      }
      const lineFeed = chunk.indexOf(LF, position)
      if (lineFeed < 0) {
        this.keepPartialLine(chunk.subarray(position))
        return
      }
      if (this.partialLine === null) {
        this.readLine(chunk, position, lineFeed)
      } else {
        const line = Buffer.concat([this.partialLine, chunk.subarray(position, lineFeed + 1)])
        this.partialLine = null
        this.readLine(line, 0, line.length - 1)
      }
      position = lineFeed + 1
    }
  }

  /** Forgets any partial reply (the connection it came from is gone). */
  reset(): void {
    this.partialLine = null
    this.valueBytes = -1
    this.block = null
    this.filled = 0
  }

  /**
   * The common reply, `VA <size>` CRLF, its data and CRLF, when all of it lies in the chunk at
   * `position`: handed to the sink in one scan, without the line search and the header's and
   * block's separate passes. Returns where the next reply starts, or −1 for anything else (flags
   * after the size, a reply split across reads, any other reply), which the general path reads.
   */
  private wholeValue(chunk: Buffer, position: number): number {
    const length = chunk.length
    if (position + 6 > length || chunk[position] !== V || chunk[position + 1] !== A || chunk[position + 2] !== SPACE) return -1
    const digits = position + 3
    // 10 digits at most: MAX_VALUE_BYTES has 10, and a longer size goes to the general path's error.
    const digitsEnd = Math.min(length, digits + 10)
    let at = digits
    let size = 0
    for (; at < digitsEnd; at++) {
      const digit = chunk[at] - 48
      if (digit < 0 || digit > 9) break
      size = size * 10 + digit
    }
    if (at === digits || at + 1 >= length || chunk[at] !== CR || chunk[at + 1] !== LF) return -1
    const data = at + 2
    const end = data + size
    if (end + 2 > length || chunk[end] !== CR || chunk[end + 1] !== LF) return -1
    this.sink.value(chunk, data, size)
    return end + 2
  }

  private keepPartialLine(rest: Buffer): void {
    // A copy: the socket's chunk must not be kept alive (or reused) for a few bytes.
    this.partialLine = this.partialLine === null ? Buffer.from(rest) : Buffer.concat([this.partialLine, rest])
    if (this.partialLine.length > MAX_LINE_BYTES) throw new ProtocolError(`a reply line longer than ${MAX_LINE_BYTES} bytes`)
  }

  private readLine(buffer: Buffer, start: number, lineFeed: number): void {
    const end = lineFeed > start && buffer[lineFeed - 1] === CR ? lineFeed - 1 : lineFeed
    if (end - start >= 4 && buffer[start] === V && buffer[start + 1] === A && buffer[start + 2] === SPACE) {
      this.valueBytes = parseSize(buffer, start + 3, end)
      return
    }
    if (end - start === 2) this.sink.status((buffer[start] << 8) | buffer[start + 1])
    else this.sink.line(buffer.toString('latin1', start, end))
  }

  private readBlock(chunk: Buffer, position: number): number {
    const total = this.valueBytes + 2
    if (this.block === null && chunk.length - position >= total) {
      // The whole block is in this read: handed out where it lies, no copy.
      checkBlockEnd(chunk, position + this.valueBytes)
      const size = this.valueBytes
      this.valueBytes = -1
      this.sink.value(chunk, position, size)
      return position + total
    }
    this.block ??= Buffer.allocUnsafe(total)
    const copied = chunk.copy(this.block, this.filled, position, Math.min(chunk.length, position + total - this.filled))
    this.filled += copied
    if (this.filled === total) {
      const block = this.block
      const size = this.valueBytes
      this.block = null
      this.filled = 0
      this.valueBytes = -1
      checkBlockEnd(block, size)
      this.sink.value(block, 0, size)
    }
    return position + copied
  }
}

/** The decimal size after `VA ` (flags, if any, follow a space). */
function parseSize(buffer: Buffer, start: number, end: number): number {
  let size = 0
  let position = start
  for (; position < end; position++) {
    const digit = buffer[position] - 48
    if (digit < 0 || digit > 9) break
    size = size * 10 + digit
  }
  if (position === start || (position < end && buffer[position] !== SPACE) || size > MAX_VALUE_BYTES) {
    throw new ProtocolError(`a malformed value header "${buffer.toString('latin1', start - 3, Math.min(end, start + 40))}"`)
  }
  return size
}

function checkBlockEnd(buffer: Buffer, at: number): void {
  if (buffer[at] !== CR || buffer[at + 1] !== LF) throw new ProtocolError('a data block not followed by CRLF')
}
