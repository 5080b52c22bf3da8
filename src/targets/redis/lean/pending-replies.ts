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
/** Slots a connection's ring starts with: a batch at the deepest pipelines measured fits without growing. */
const INITIAL_CAPACITY = 64

/**
 * Commands sent on one connection and waiting for their replies, oldest first: Redis answers in
 * order, so the next reply is always the oldest command's. Held in parallel arrays used as a
 * ring (a moving head over storage that only grows) rather than one object per command: arrays
 * pushed to and emptied as each batch came and went were grown again for every batch (V8's
 * element growth and length setter, a few per cent of a pipelined GET's CPU). A command past its
 * deadline is failed at once and left in place, so the reply that may still come for it is read
 * and dropped.
 */
export class PendingReplies {
  private settles: Settle[] = new Array<Settle>(INITIAL_CAPACITY).fill(ignoreReply)
  private fails: Fail[] = new Array<Fail>(INITIAL_CAPACITY).fill(ignoreError)
  private deadlines: number[] = new Array<number>(INITIAL_CAPACITY).fill(0)
  private decodes: Array<Decode | null> = new Array<Decode | null>(INITIAL_CAPACITY).fill(null)
  /** capacity − 1: the capacity is a power of two, so a position wraps with a mask. */
  private mask = INITIAL_CAPACITY - 1
  private head = 0
  private count = 0
  /** Commands from the head on that have timed out already (and wait only for their reply to be dropped). */
  private expired = 0

  get size(): number {
    return this.count
  }

  push(settle: Settle, fail: Fail, deadline: number, decode: Decode | null = null): void {
    if (this.count > this.mask) this.grow()
    const at = (this.head + this.count) & this.mask
    this.settles[at] = settle
    this.fails[at] = fail
    this.deadlines[at] = deadline
    this.decodes[at] = decode
    this.count++
  }

  /** Hands the next reply to the oldest command; false when no command was waiting for one. */
  settleNext(reply: Reply, asError: (reply: Reply) => Error | null): boolean {
    if (this.count === 0) return false
    const at = this.head
    const settle = this.settles[at]
    const fail = this.fails[at]
    const decode = this.decodes[at]
    this.removeOldest()
    const error = asError(reply)
    if (error !== null) fail(error)
    else if (decode === null) settle(owned(reply))
    else settleDecoded(settle, fail, decode, reply)
    return true
  }

  /**
   * Hands the bulk reply at data[start, start + length) to the oldest command if its decoder
   * reads replies in place; false, with nothing done, when there is no such command.
   */
  settleNextAt(data: Buffer, start: number, length: number): boolean {
    if (this.count === 0) return false
    const at = this.head
    const decodeAt = this.decodes[at]?.at
    if (decodeAt === undefined) return false
    const settle = this.settles[at]
    const fail = this.fails[at]
    this.removeOldest()
    let decoded: unknown
    try {
      decoded = decodeAt(data, start, length)
    } catch (error) {
      fail(error as Error)
      return true
    }
    settle(decoded as Reply)
    return true
  }

  /**
   * Fails every command whose deadline is at or before `now` with `error()`; returns the next
   * deadline still ahead, or null. Deadlines grow with the order of sending, so the walk stops
   * at the first one ahead.
   */
  expire(now: number, error: () => Error): number | null {
    for (; this.expired < this.count; this.expired++) {
      const at = (this.head + this.expired) & this.mask
      if (this.deadlines[at] > now) return this.deadlines[at]
      const fail = this.fails[at]
      this.settles[at] = ignoreReply
      this.fails[at] = ignoreError
      this.decodes[at] = null
      fail(error())
    }
    return null
  }

  /** Fails every command still waiting (the connection is gone) and empties the queue. */
  failAll(error: () => Error): void {
    const fails: Fail[] = []
    while (this.count > 0) {
      fails.push(this.fails[this.head])
      this.removeOldest()
    }
    for (const fail of fails) fail(error())
  }

  /** Drops the oldest command's references, so what its callbacks hold is not kept alive by the ring. */
  private removeOldest(): void {
    const at = this.head
    this.settles[at] = ignoreReply
    this.fails[at] = ignoreError
    this.decodes[at] = null
    this.head = (at + 1) & this.mask
    this.count--
    if (this.expired > 0) this.expired--
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2
    const order = (_: unknown, i: number): number => (this.head + i) & this.mask
    const positions = Array.from({length: this.count}, order)
    const grown = <T>(from: T[], fill: T): T[] => [...positions.map((at) => from[at]), ...new Array<T>(capacity - this.count).fill(fill)]
    this.settles = grown(this.settles, ignoreReply)
    this.fails = grown(this.fails, ignoreError)
    this.deadlines = grown(this.deadlines, 0)
    this.decodes = grown<Decode | null>(this.decodes, null)
    this.mask = capacity - 1
    this.head = 0
  }
}

/** A reply its decoder refuses (an unexpected type) fails that command alone, as a rejected `.then(decode)` would. */
function settleDecoded(settle: Settle, fail: Fail, decode: Decode, reply: Reply): void {
  let decoded: unknown
  try {
    decoded = decode(reply)
  } catch (error) {
    fail(error as Error)
    return
  }
  settle(decoded as Reply)
}
