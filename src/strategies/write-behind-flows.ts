import {OVER, ReusedFlow} from './reused-flow.js'
import type {Completion} from './completion.js'
import type {Command, FlowBooks, FlowIo} from './flow.js'

/** Writes to one key waiting for their flush; later writes fold into it. */
export interface PendingWrite {
  /** The version the origin will have once this flush lands. */
  version: number
  /** Application writes folded into it. */
  writes: number
  /** Counts the flush with the most recent writer's measurement state. */
  books: FlowBooks
  /** Its flush delay is over, but an older flush of the key was still on its way: that one flushes it when it lands. */
  due: boolean
}

/** A flush on its way to the origin. */
export interface Flight {
  /** The version it commits. */
  version: number
  /** Done when it has landed: made only when a delete of the key has to wait for it. */
  landed: Completion | undefined
}

/** The write-behind strategy's bookkeeping, which these flows step through (write-behind.ts). */
export interface WriteBehindSteps {
  readonly flushDelayMs: number
  /** A write's bookkeeping; the cache set to send. */
  writeAhead(key: number, io: FlowIo): Command
  /** After the flush delay: the entry to write now, or none. */
  dueAfterDelay(key: number, entry: PendingWrite): PendingWrite | undefined
  /** Puts `next` on a flight to the origin, or says it is no longer to be written. */
  takeOff(key: number, next: PendingWrite): Flight | undefined
  /** A flight landed: the key's next entry to write at once, or none. */
  landed(key: number, flight: Flight): PendingWrite | undefined
}

const SET = 0
const DONE = 1

/**
 * A write-behind write — set the cache now, leave the origin to the key's flush — as a reused
 * flow (reused-flow.ts): writes are half of a 50:50 mix, and a generator each cost an allocation
 * per write and per step. The bookkeeping runs when the flow is first resumed, where a
 * generator's body would.
 */
export class BehindWriteFlow extends ReusedFlow<void> {
  readonly [Symbol.toStringTag] = 'BehindWriteFlow'
  private strategy: WriteBehindSteps | undefined = undefined

  /** The write flow of `io`: made on its first write, then reused. */
  static of(io: FlowIo): BehindWriteFlow {
    return io.writeFlow instanceof BehindWriteFlow ? io.writeFlow : (io.writeFlow = new BehindWriteFlow(io))
  }

  start(key: number, strategy: WriteBehindSteps): this {
    this.key = key
    this.strategy = strategy
    this.state = SET
    return this
  }

  next(): IteratorResult<Command, void> {
    switch (this.state) {
      case SET:
        this.state = DONE
        return this.yield((this.strategy as WriteBehindSteps).writeAhead(this.key, this.io))
      case DONE:
        return this.end(undefined)
      default:
        return this.over()
    }
  }
}

const DELAY = 0
const DELAYED = 1
const LANDED = 2

/**
 * One key's flush: wait out the flush delay, then write the key's pending writes to the origin,
 * and any that came due meanwhile, one flight at a time. A reused flow of the spawned io, so a
 * flush allocates no generator; the decisions are the strategy's (write-behind.ts).
 */
export class FlushFlow extends ReusedFlow<void> {
  readonly [Symbol.toStringTag] = 'FlushFlow'
  private entry: PendingWrite | undefined = undefined
  private flight: Flight | undefined = undefined
  private strategy: WriteBehindSteps | undefined = undefined

  /** The flush flow of a spawned `io`: made on its first flush, then reused. */
  static of(io: FlowIo): FlushFlow {
    return io.backgroundFlow instanceof FlushFlow ? io.backgroundFlow : (io.backgroundFlow = new FlushFlow(io))
  }

  start(key: number, entry: PendingWrite, strategy: WriteBehindSteps): this {
    this.key = key
    this.entry = entry
    this.flight = undefined
    this.strategy = strategy
    this.state = DELAY
    return this
  }

  next(): IteratorResult<Command, void> {
    const strategy = this.strategy as WriteBehindSteps
    switch (this.state) {
      case DELAY:
        this.state = DELAYED
        return this.yield(this.io.wait(strategy.flushDelayMs))
      case DELAYED:
        return this.write(strategy.dueAfterDelay(this.key, this.entry as PendingWrite))
      case LANDED:
        return this.write(strategy.landed(this.key, this.flight as Flight))
      default:
        return this.over()
    }
  }

  /** Writes `next` to the origin, or ends when there is none to write. */
  private write(next: PendingWrite | undefined): IteratorResult<Command, void> {
    this.entry = undefined
    const flight = next === undefined ? undefined : (this.strategy as WriteBehindSteps).takeOff(this.key, next)
    this.flight = flight
    if (flight === undefined) return this.end(undefined)
    this.state = LANDED
    return this.yield(this.io.originWrite(this.key))
  }

  override return(value: void): IteratorResult<Command, void> {
    this.state = OVER
    this.entry = undefined
    this.flight = undefined
    return super.return(value)
  }
}
