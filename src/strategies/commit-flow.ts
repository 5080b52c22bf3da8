import type {Command, FlowIo} from './flow.js'
import {ReusedFlow} from './reused-flow.js'

/** What a write does once the origin has committed: the command to send next, made from the io's answer, or none. */
export type AfterCommit = (key: number, io: FlowIo) => Command | undefined

const COMMIT = 0
const COMMITTED = 1
const FOLLOWED = 2

/**
 * The plain write — commit to the origin, then at most one command of the strategy's (set the
 * new value, invalidate) — as a reused flow (reused-flow.ts): writes are half of some
 * workloads, and a generator per write cost them an allocation per operation and per step.
 */
export class CommitFlow extends ReusedFlow<void> {
  readonly [Symbol.toStringTag] = 'CommitFlow'
  private afterCommit: AfterCommit | undefined = undefined

  /** The write flow of `io`: made on its first write, then reused. */
  static of(io: FlowIo): CommitFlow {
    return io.writeFlow instanceof CommitFlow ? io.writeFlow : (io.writeFlow = new CommitFlow(io))
  }

  /** Starts a write of key; the previous one, if any, is over. */
  start(key: number, afterCommit: AfterCommit | undefined): this {
    this.key = key
    this.afterCommit = afterCommit
    this.state = COMMIT
    return this
  }

  next(): IteratorResult<Command, void> {
    switch (this.state) {
      case COMMIT:
        this.state = COMMITTED
        return this.yield(this.io.originWrite(this.key))
      case COMMITTED: {
        // Resumed as a generator would be: whatever the follow-up draws (a TTL) is drawn now.
        const command = this.afterCommit?.(this.key, this.io)
        if (command === undefined) return this.end(undefined)
        this.state = FOLLOWED
        return this.yield(command)
      }
      case FOLLOWED:
        return this.end(undefined)
      default:
        return this.over()
    }
  }
}
