import type {Command, FlowIo} from './flow.js'
import {ReusedFlow} from './reused-flow.js'
import type {ReadAnswer} from './strategy.js'

const READ = 0
const ANSWERED = 1

/**
 * A read of the origin alone, answered with its value — every read of the no-cache baseline —
 * as a reused flow (reused-flow.ts): a generator and an answer per read were most of what that
 * workload allocated. The answer stays valid until the io's next read begins.
 */
export class OriginReadFlow extends ReusedFlow<ReadAnswer> {
  readonly [Symbol.toStringTag] = 'OriginReadFlow'
  private key = 0
  private readonly answer: ReadAnswer = {value: null, fromCache: false}

  private constructor(private readonly io: FlowIo) {
    super()
  }

  /** The origin read flow of `io`: made on its first read, then reused. */
  static of(io: FlowIo): OriginReadFlow {
    const reused = io.readFlow
    if (reused instanceof OriginReadFlow) return reused
    const flow = new OriginReadFlow(io)
    io.readFlow = flow
    return flow
  }

  /** Starts a read of key; the previous one, if any, is over. */
  start(key: number): this {
    this.key = key
    this.state = READ
    return this
  }

  next(): IteratorResult<Command, ReadAnswer> {
    switch (this.state) {
      case READ:
        this.state = ANSWERED
        return this.yield(this.io.originRead(this.key))
      case ANSWERED:
        this.answer.value = this.io.value
        return this.end(this.answer)
      default:
        return this.over()
    }
  }
}
