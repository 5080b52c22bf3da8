/**
 * A streaming parser of RESP2 replies (simple strings, errors, integers, bulk strings, arrays,
 * as the Redis protocol specification defines them). Chunks may split a reply anywhere, even
 * inside a CRLF. Replies are plain values — a bulk string is a Buffer (a view into the chunk
 * when it arrived whole, so most GET replies are never copied: valid only while the reply is
 * handed over, as the chunk may be a read buffer used again), "OK" one shared string, an
 * integer a number — and only error replies and arrays allocate an object of their own.
 */

/** An error reply (`-ERR …`, `-WRONGPASS …`): the server answered, and said no. */
export class ReplyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReplyError'
  }
}

/** Bytes the server sent that are not RESP2; the connection cannot be trusted after them. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProtocolError'
  }
}

export type Reply = Buffer | string | number | null | ReplyError | Reply[]

const CR = 0x0d
const LF = 0x0a
/** A header or simple-string line longer than this is not a Redis reply: stop rather than buffer without bound. */
const MAX_LINE_BYTES = 64 * 1024
/** Redis's proto-max-bulk-len may be raised to this at most (512 MiB is its default ceiling). */
const MAX_BULK_BYTES = 512 * 1024 * 1024
const OK = 'OK'

interface OpenArray {
  items: Reply[]
  remaining: number
}

export class ReplyParser {
  /** The start of a line whose CRLF has not arrived yet. */
  private partial: Buffer | null = null
  /** A bulk string longer than what has arrived, filled as chunks come. */
  private body: Buffer | null = null
  private bodyFilled = 0
  /** CRLF bytes after a bulk string still to be skipped (they may arrive in a later chunk). */
  private crlfToSkip = 0
  private readonly arrays: OpenArray[] = []

  constructor(
    private readonly onReply: (reply: Reply) => void,
    /**
     * Offered each bulk string that arrived whole outside an array, where it lies in the chunk;
     * true when it was taken so, and no view of it is made for onReply.
     */
    private readonly onBulkAt: (data: Buffer, start: number, length: number) => boolean = () => false,
  ) {}

  /** Parses what `chunk` completes; throws a ProtocolError on bytes that are not RESP2. */
  feed(chunk: Buffer): void {
    let data = chunk
    let pos = 0
    if (this.partial !== null) {
      data = Buffer.concat([this.partial, chunk])
      this.partial = null
    }
    const end = data.length
    while (pos < end) {
      if (this.crlfToSkip > 0) {
        if (data[pos] !== (this.crlfToSkip === 2 ? CR : LF)) throw new ProtocolError('a bulk string not followed by CRLF')
        this.crlfToSkip--
        pos++
        continue
      }
      if (this.body !== null) {
        pos = this.fillBody(data, pos)
        continue
      }
      const lineEnd = data.indexOf(LF, pos)
      if (lineEnd < 0) {
        if (end - pos > MAX_LINE_BYTES) throw new ProtocolError(`a reply line longer than ${MAX_LINE_BYTES} bytes`)
        // A copy: the chunk may be a read buffer the socket fills again with the next read.
        this.partial = Buffer.from(data.subarray(pos))
        return
      }
      if (lineEnd === pos || data[lineEnd - 1] !== CR) throw new ProtocolError('a reply line not ended by CRLF')
      pos = this.line(data, pos, lineEnd - 1, lineEnd + 1)
    }
  }

  /** Handles the line data[start..crAt) and returns where parsing goes on. */
  private line(data: Buffer, start: number, crAt: number, next: number): number {
    const type = data[start]
    switch (type) {
      case 0x2b: // '+'
        this.emit(crAt - start === 3 && data[start + 1] === 0x4f && data[start + 2] === 0x4b ? OK : data.toString('utf8', start + 1, crAt))
        return next
      case 0x2d: // '-'
        this.emit(new ReplyError(data.toString('utf8', start + 1, crAt)))
        return next
      case 0x3a: // ':'
        this.emit(integer(data, start + 1, crAt))
        return next
      case 0x24: // '$'
        return this.bulk(data, integer(data, start + 1, crAt), next)
      case 0x2a: {
        // '*'
        const count = integer(data, start + 1, crAt)
        if (count < 0) this.emit(null)
        else if (count === 0) this.emit([])
        else this.arrays.push({items: [], remaining: count})
        return next
      }
      default:
        throw new ProtocolError(`a reply starting with ${type >= 0x20 && type < 0x7f ? `"${String.fromCharCode(type)}", ` : ''}byte 0x${type.toString(16)}`)
    }
  }

  private bulk(data: Buffer, length: number, at: number): number {
    if (length < 0) {
      this.emit(null)
      return at
    }
    if (length > MAX_BULK_BYTES) throw new ProtocolError(`a bulk string of ${length} bytes`)
    if (at + length <= data.length) {
      // Arrived whole: a view into the chunk, no copy. Its CRLF may still be on the way; when it
      // is here too it is checked and passed at once, rather than a byte per turn of feed's loop.
      const end = at + length
      this.crlfToSkip = 2
      if (this.arrays.length > 0 || !this.onBulkAt(data, at, length)) this.emit(data.subarray(at, end))
      if (end + 2 > data.length) return end
      // Checked after the hand-over, as the loop would: a bad CRLF fails the connection, not this reply.
      if (data[end] !== CR || data[end + 1] !== LF) throw new ProtocolError('a bulk string not followed by CRLF')
      this.crlfToSkip = 0
      return end + 2
    }
    // Larger than what has arrived (a big value, or one split across reads): one buffer, filled in place.
    this.body = Buffer.allocUnsafe(length)
    this.bodyFilled = 0
    return this.fillBody(data, at)
  }

  private fillBody(data: Buffer, at: number): number {
    const body = this.body as Buffer
    const copied = data.copy(body, this.bodyFilled, at, Math.min(data.length, at + body.length - this.bodyFilled))
    this.bodyFilled += copied
    if (this.bodyFilled === body.length) {
      this.body = null
      this.crlfToSkip = 2
      this.emit(body)
    }
    return at + copied
  }

  private emit(reply: Reply): void {
    let value = reply
    for (;;) {
      const open = this.arrays.at(-1)
      if (open === undefined) {
        this.onReply(value)
        return
      }
      open.items.push(value)
      if (--open.remaining > 0) return
      this.arrays.pop()
      value = open.items
    }
  }
}

/** A signed decimal integer in data[start..end). */
function integer(data: Buffer, start: number, end: number): number {
  let at = start
  const negative = data[at] === 0x2d
  if (negative) at++
  if (at === end) throw new ProtocolError('a reply with an empty number')
  let value = 0
  for (; at < end; at++) {
    const digit = data[at] - 0x30
    if (digit < 0 || digit > 9) throw new ProtocolError('a reply with a malformed number')
    value = value * 10 + digit
  }
  return negative ? -value : value
}
