import {CacheCommandError} from '../../command-error.js'

/** What a command expects back; replies arrive in the order the commands were sent. */
export const EXPECT = {value: 0, stored: 1, deleted: 2, stats: 3, ok: 4} as const
export type Expected = (typeof EXPECT)[keyof typeof EXPECT]

export type Settle = (value: never) => void
export type Fail = (error: Error) => void
/**
 * Reads a value where it lies (a view valid only during the call); see NodeClient.get. With `at`
 * it reads the value's bytes in the read buffer itself, and no view is made.
 */
export type Decode = ((data: Buffer) => unknown) & {at?: (data: Buffer, start: number, length: number) => unknown}

/**
 * The commands of one connection still waiting for their reply, oldest first, in a ring of
 * parallel arrays (no object per command). memcached answers a connection's commands in order,
 * so the oldest is always the one the next reply belongs to. The ring's capacity is a power of
 * two (16, doubled as it fills).
 */
export class PendingReplies {
  private expected: Expected[] = []
  private deadlines: number[] = []
  private limits: number[] = []
  private resolvers: Settle[] = []
  private rejecters: Array<(error: Error) => void> = []
  private decoders: Array<Decode | null> = []
  private head = 0
  private count = 0

  get size(): number {
    return this.count
  }

  push(expected: Expected, deadline: number, limitMs: number, resolve: Settle, reject: (error: Error) => void, decode: Decode | null): void {
    if (this.count === this.expected.length) this.grow()
    const slot = (this.head + this.count) & (this.expected.length - 1)
    this.expected[slot] = expected
    this.deadlines[slot] = deadline
    this.limits[slot] = limitMs
    this.resolvers[slot] = resolve
    this.rejecters[slot] = reject
    this.decoders[slot] = decode
    this.count++
  }

  /** What the oldest command expects; undefined when nothing is pending. */
  peek(): Expected | undefined {
    return this.count === 0 ? undefined : this.expected[this.head]
  }

  resolveOldest(value: unknown): void {
    const resolve = this.resolvers[this.head]
    this.removeOldest()
    ;(resolve as (value: unknown) => void)(value)
  }

  /** Settles the oldest command with its decoder's reading of data[start, start + length) (those bytes themselves without one). */
  decodeOldest(data: Buffer, start: number, length: number): void {
    const decode = this.decoders[this.head]
    if (decode === null) {
      this.resolveOldest(data.subarray(start, start + length))
      return
    }
    let value: unknown
    try {
      value = decode.at === undefined ? decode(data.subarray(start, start + length)) : decode.at(data, start, length)
    } catch (error) {
      this.rejectOldest(error as Error)
      return
    }
    this.resolveOldest(value)
  }

  rejectOldest(error: Error): void {
    const reject = this.rejecters[this.head]
    this.removeOldest()
    reject(error)
  }

  /** The time limit of the first command past its deadline at `now`, or −1 when none is. */
  overdue(now: number): number {
    const mask = this.expected.length - 1
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) & mask
      if (this.deadlines[slot] <= now) return this.limits[slot]
    }
    return -1
  }

  /** Fails every pending command, oldest first, with the error `errorFor` builds for it. */
  failAll(errorFor: (limitMs: number) => CacheCommandError): void {
    while (this.count > 0) this.rejectOldest(errorFor(this.limits[this.head]))
  }

  private removeOldest(): void {
    // Drop the references, so settled promises are not kept alive by the ring.
    this.resolvers[this.head] = undefined as unknown as Settle
    this.rejecters[this.head] = undefined as unknown as (error: Error) => void
    this.decoders[this.head] = null
    this.head = (this.head + 1) & (this.expected.length - 1)
    this.count--
  }

  private grow(): void {
    // A power of two, so a slot is found with a mask rather than a division.
    const capacity = Math.max(16, this.expected.length * 2)
    const order = Array.from({length: this.count}, (_, i) => (this.head + i) % (this.expected.length || 1))
    this.expected = [...order.map((slot) => this.expected[slot]), ...new Array<Expected>(capacity - this.count).fill(EXPECT.ok)]
    this.deadlines = [...order.map((slot) => this.deadlines[slot]), ...new Array<number>(capacity - this.count).fill(0)]
    this.limits = [...order.map((slot) => this.limits[slot]), ...new Array<number>(capacity - this.count).fill(0)]
    this.resolvers = [...order.map((slot) => this.resolvers[slot]), ...new Array<Settle>(capacity - this.count)]
    this.rejecters = [...order.map((slot) => this.rejecters[slot]), ...new Array<(error: Error) => void>(capacity - this.count)]
    this.decoders = [...order.map((slot) => this.decoders[slot]), ...new Array<Decode | null>(capacity - this.count).fill(null)]
    this.head = 0
  }
}
