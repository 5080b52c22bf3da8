import type {KeyBytes} from '../../key-bytes.js'

/**
 * Writes RESP2 commands (arrays of bulk strings, as the Redis protocol specification defines
 * requests) one after another into one growing buffer, so a whole batch leaves in one socket
 * write. Written here rather than taken from a library: the npm RESP encoders build one Buffer
 * (or string) per command, and per-command allocation is the cost this path exists to avoid.
 */
const CRLF = 0x0d0a
const INITIAL_BYTES = 16 * 1024
/** A working buffer grown past this (by a large value) is let go after the batch, not kept per connection. */
const KEPT_BYTES = 1024 * 1024
/** '$', up to 20 digits and two CRLFs around an argument. */
const HEADER_ROOM = 32

/** `*<n>\r\n$<len>\r\n<NAME>\r\n`: a command's array header and name, written once per command. */
function head(name: string, parts: number): Buffer {
  return Buffer.from(`*${parts}\r\n$${name.length}\r\n${name}\r\n`, 'latin1')
}

const GET = head('GET', 2)
const DEL = head('DEL', 2)
const SET = head('SET', 3)
const SET_PX = head('SET', 5)
const PX = Buffer.from('$2\r\nPX\r\n', 'latin1')

export type Argument = string | Buffer | number

export class RespEncoder {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES)
  private length = 0

  /** Bytes written since the last take(). */
  get size(): number {
    return this.length
  }

  get(key: string | Buffer): void {
    this.raw(GET)
    this.bulk(key)
  }

  del(key: string | Buffer): void {
    this.raw(DEL)
    this.bulk(key)
  }

  /** SET key value [PX ms]: PX takes whole milliseconds ≥ 1, so callers round. */
  set(key: string | Buffer, value: Buffer, pxMs: number | null): void {
    this.raw(pxMs === null ? SET : SET_PX)
    this.bulk(key)
    this.setTail(value, pxMs)
  }

  // The hot commands of key ids whose names `keys` holds as bytes (the run's own keys).

  getKey(keys: KeyBytes, key: number): void {
    this.raw(GET)
    this.keyBulk(keys, key)
  }

  delKey(keys: KeyBytes, key: number): void {
    this.raw(DEL)
    this.keyBulk(keys, key)
  }

  setKey(keys: KeyBytes, key: number, value: Buffer, pxMs: number | null): void {
    this.raw(pxMs === null ? SET : SET_PX)
    this.keyBulk(keys, key)
    this.setTail(value, pxMs)
  }

  /** Any command, for the rare ones (AUTH, SELECT, SCAN, UNLINK, INFO, FLUSHALL). */
  command(args: readonly Argument[]): void {
    this.ensure(HEADER_ROOM)
    this.buffer[this.length++] = 0x2a // '*'
    this.integer(args.length)
    for (const arg of args) this.bulk(arg)
  }

  /**
   * The bytes written so far, as a buffer of their own: the socket may hold on to what it is
   * given until the kernel takes it, so the working buffer is never handed out.
   */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.length)
    this.buffer.copy(out, 0, 0, this.length)
    this.length = 0
    if (this.buffer.length > KEPT_BYTES) this.buffer = Buffer.allocUnsafe(INITIAL_BYTES)
    return out
  }

  /** Forgets what was written and not taken (the connection it was meant for is gone). */
  clear(): void {
    this.length = 0
  }

  private setTail(value: Buffer, pxMs: number | null): void {
    this.bulk(value)
    if (pxMs !== null) {
      this.raw(PX)
      this.bulk(pxMs)
    }
  }

  private keyBulk(keys: KeyBytes, key: number): void {
    const bytes = keys.byteLength(key)
    this.ensure(bytes + HEADER_ROOM)
    this.buffer[this.length++] = 0x24 // '$'
    this.integer(bytes)
    const at = this.length + keys.write(key, this.buffer, this.length)
    this.buffer[at] = 0x0d
    this.buffer[at + 1] = 0x0a
    this.length = at + 2
  }

  private bulk(arg: Argument): void {
    if (typeof arg === 'string') {
      if (this.ascii(arg)) return
      const bytes = Buffer.byteLength(arg, 'utf8')
      this.ensure(bytes + HEADER_ROOM)
      this.buffer[this.length++] = 0x24 // '$'
      this.integer(bytes)
      this.length += this.buffer.write(arg, this.length, bytes, 'utf8')
    } else if (typeof arg === 'number') {
      this.bulk(String(arg))
      return
    } else {
      this.ensure(arg.length + HEADER_ROOM)
      this.buffer[this.length++] = 0x24
      this.integer(arg.length)
      this.length += arg.copy(this.buffer, this.length)
    }
    this.buffer.writeUInt16BE(CRLF, this.length)
    this.length += 2
  }

  /**
   * A string of ASCII characters only (every key the run names is one) as a bulk string, copied
   * character by character: for a key of a few dozen characters that costs less than measuring
   * and writing it as UTF-8 (two calls into C++). False, with nothing written, for any other string.
   */
  private ascii(arg: string): boolean {
    const count = arg.length
    this.ensure(count + HEADER_ROOM)
    const start = this.length
    this.buffer[this.length++] = 0x24 // '$'
    this.integer(count)
    const buffer = this.buffer
    let at = this.length
    for (let i = 0; i < count; i++) {
      const code = arg.charCodeAt(i)
      if (code > 0x7f) {
        this.length = start
        return false
      }
      buffer[at++] = code
    }
    buffer[at] = 0x0d
    buffer[at + 1] = 0x0a
    this.length = at + 2
    return true
  }

  /** A non-negative integer in decimal, then CRLF. */
  private integer(value: number): void {
    if (value < 100) {
      // A key's or a value's length, nearly always: no digit counting, no division loop.
      const buffer = this.buffer
      let at = this.length
      if (value >= 10) buffer[at++] = 0x30 + Math.floor(value / 10)
      buffer[at] = 0x30 + (value % 10)
      buffer[at + 1] = 0x0d
      buffer[at + 2] = 0x0a
      this.length = at + 3
      return
    }
    let digits = 1
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++
    let at = this.length + digits
    this.length = at
    let rest = value
    do {
      this.buffer[--at] = 0x30 + (rest % 10)
      rest = Math.floor(rest / 10)
    } while (rest > 0)
    this.buffer.writeUInt16BE(CRLF, this.length)
    this.length += 2
  }

  /**
   * A command's fixed bytes (a head of a dozen bytes), stored one by one: Buffer.copy is a call
   * into C++ with argument checks that cost more than the bytes it copies.
   */
  private raw(bytes: Buffer): void {
    const count = bytes.length
    this.ensure(count)
    const buffer = this.buffer
    const at = this.length
    for (let i = 0; i < count; i++) buffer[at + i] = bytes[i]
    this.length = at + count
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extra))
    this.buffer.copy(grown, 0, 0, this.length)
    this.buffer = grown
  }
}
