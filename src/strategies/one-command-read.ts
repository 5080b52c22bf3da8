import {Command, type FlowIo} from './flow.js'
import {ReusedFlow} from './reused-flow.js'
import type {ReadAnswer} from './strategy.js'

const SEND = 0
const ANSWERED = 1

/** Where a one-command read asks: the origin alone (the no-cache baseline), or the cache alone (cache-only). */
export type ReadSource = typeof Command.originRead | typeof Command.cacheGet

/**
 * A read that is one command — every read of the no-cache baseline (an origin query, answered
 * with its value) and of cache-only (a GET, answered hit or miss with no value) — as a reused
 * flow (reused-flow.ts): a generator and an answer per read were most of what the baseline
 * allocated, and a measurable part of the run's own work per GET on the wire benches. The answer
 * stays valid until the io's next read begins.
 */
export class OneCommandReadFlow extends ReusedFlow<ReadAnswer> {
  readonly [Symbol.toStringTag] = 'OneCommandReadFlow'
  private readonly answer: ReadAnswer = {value: null, fromCache: false}

  private constructor(
    io: FlowIo,
    private readonly source: ReadSource,
  ) {
    super(io)
  }

  /** The read flow of `io` asking `source`: made on its first read, then reused. */
  static of(io: FlowIo, source: ReadSource): OneCommandReadFlow {
    const reused = io.readFlow
    return reused instanceof OneCommandReadFlow && reused.source === source ? reused : (io.readFlow = new OneCommandReadFlow(io, source))
  }

  /** Starts a read of key; the previous one, if any, is over. */
  start(key: number): this {
    this.key = key
    this.state = SEND
    return this
  }

  next(): IteratorResult<Command, ReadAnswer> {
    switch (this.state) {
      case SEND:
        this.state = ANSWERED
        return this.yield(this.source === Command.cacheGet ? this.io.cacheGet(this.key) : this.io.originRead(this.key))
      case ANSWERED: {
        const answer = this.answer
        const value = this.io.value
        // The cache alone says hit or miss; the origin's value is the answer.
        if (this.source === Command.cacheGet) answer.fromCache = value !== null
        else answer.value = value
        return this.end(answer)
      }
      default:
        return this.over()
    }
  }
}
