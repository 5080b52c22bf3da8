import type {Reply} from './reply-parser.js'

export type Settle = (reply: Reply) => void
export type Fail = (error: Error) => void
/**
 * Turns a command's reply into what its promise resolves to, where the reply is read. With `at`
 * it also reads a bulk reply in place, from the read buffer (see ReplyParser's onBulkAt).
 */
export type Decode = ((reply: Reply) => unknown) & {at?: (data: Buffer, start: number, length: number) => unknown}

const ignoreReply: Settle = () => {}

/**
 * A reply that outlives its hand-over: bulk strings copied out of the read buffer they are views
 * into. Only replies without a decoder are kept (GET decoders read their value in place), and
 * those are the rare commands (INFO, SCAN, a plain get()), so the copy costs nothing that matters.
 */
function owned(reply: Reply): Reply {
  if (Buffer.isBuffer(reply)) return Buffer.from(reply)
  return Array.isArray(reply) ? reply.map(owned) : reply
}
const ignoreError: Fail = () => {}

/**
 * Commands sent on one connection and waiting for their replies, oldest first: Redis answers in
 * order, so the next reply is always the oldest command's. Held in parallel arrays with a moving
 * head rather than one object per command. A command past its deadline is failed at once and
 * left in place, so the reply that may still come for it is read and dropped.
 */
export class PendingReplies {
  private settles: Settle[] = []
  private fails: Fail[] = []
  private deadlines: number[] = []
  private decodes: Array<Decode | null> = []
  private head = 0
  /** Commands before this index have been answered or have timed out. */
  private expiredTo = 0

  get size(): number {
    return this.settles.length - this.head
  }

  push(settle: Settle, fail: Fail, deadline: number, decode: Decode | null = null): void {
    this.settles.push(settle)
    this.fails.push(fail)
    this.deadlines.push(deadline)
    this.decodes.push(decode)
  }

  /** Hands the next reply to the oldest command; false when no command was waiting for one. */
  settleNext(reply: Reply, asError: (reply: Reply) => Error | null): boolean {
    if (this.head === this.settles.length) return false
    const at = this.head++
    const error = asError(reply)
    const decode = this.decodes[at]
    if (error !== null) this.fails[at](error)
    else if (decode === null) this.settles[at](owned(reply))
    else this.settleDecoded(at, decode, reply)
    this.compact()
    return true
  }

  /**
   * Hands the bulk reply at data[start, start + length) to the oldest command if its decoder
   * reads replies in place; false, with nothing done, when there is no such command.
   */
  settleNextAt(data: Buffer, start: number, length: number): boolean {
    if (this.head === this.settles.length) return false
    const at = this.head
    const decodeAt = this.decodes[at]?.at
    if (decodeAt === undefined) return false
    this.head++
    let decoded: unknown
    try {
      decoded = decodeAt(data, start, length)
    } catch (error) {
      this.fails[at](error as Error)
      this.compact()
      return true
    }
    this.settles[at](decoded as Reply)
    this.compact()
    return true
  }

  /** A reply its decoder refuses (an unexpected type) fails that command alone, as a rejected `.then(decode)` would. */
  private settleDecoded(at: number, decode: Decode, reply: Reply): void {
    let decoded: unknown
    try {
      decoded = decode(reply)
    } catch (error) {
      this.fails[at](error as Error)
      return
    }
    this.settles[at](decoded as Reply)
  }

  /**
   * Fails every command whose deadline is at or before `now` with `error()`; returns the next
   * deadline still ahead, or null. Deadlines grow with the order of sending, so the walk stops
   * at the first one ahead.
   */
  expire(now: number, error: () => Error): number | null {
    let at = Math.max(this.expiredTo, this.head)
    for (; at < this.settles.length && this.deadlines[at] <= now; at++) {
      const fail = this.fails[at]
      this.settles[at] = ignoreReply
      this.fails[at] = ignoreError
      this.decodes[at] = null
      fail(error())
    }
    this.expiredTo = at
    return at < this.settles.length ? this.deadlines[at] : null
  }

  /** Fails every command still waiting (the connection is gone) and empties the queue. */
  failAll(error: () => Error): void {
    const fails = this.fails.slice(this.head)
    this.settles = []
    this.fails = []
    this.deadlines = []
    this.decodes = []
    this.head = 0
    this.expiredTo = 0
    for (const fail of fails) fail(error())
  }

  /** Drops the answered prefix once it is most of the arrays, so they never grow without bound. */
  private compact(): void {
    if (this.head === this.settles.length) {
      this.settles.length = 0
      this.fails.length = 0
      this.deadlines.length = 0
      this.decodes.length = 0
      this.expiredTo = 0
      this.head = 0
    } else if (this.head >= 1024 && this.head * 2 >= this.settles.length) {
      this.settles = this.settles.slice(this.head)
      this.fails = this.fails.slice(this.head)
      this.deadlines = this.deadlines.slice(this.head)
      this.decodes = this.decodes.slice(this.head)
      this.expiredTo = Math.max(0, this.expiredTo - this.head)
      this.head = 0
    }
  }
}
