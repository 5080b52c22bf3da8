import {Command, FlowIo, type Flow} from '../strategies/flow.js'
import type {ReadAnswer, Strategy} from '../strategies/strategy.js'
import type {CachedValue, LeaseGetAnswer} from '../targets/cache-target.js'
import type {CallbackCommands} from '../targets/callback-commands.js'
import type {Clock} from '../time/clock.js'
import type {OperationDone} from './closed-loop.js'
import type {OperationRecords} from './operation-records.js'
import type {TimedSteps} from './timed-steps.js'

export type FlowKind = 'read' | 'write' | 'delete'

/** What every callback slot of one run shares. */
export interface CallbackParts {
  clock: Clock
  cache: CallbackCommands
  strategy: Strategy
  records: OperationRecords
  /** Told of each measured operation's end, after its own figures (operations count, timeline). */
  operationEnded(intendedStart: number): void
}

const nothing = (): void => {}

/** What a cache command answered (see CallbackSlot.replied). */
const enum Reply {
  value,
  getFailed,
  stored,
  deleted,
  failed,
}

/**
 * One in-flight position of a load on a real target, running one operation at a time as a state
 * machine, as SimulatedSlot does on simulated time: it resumes the strategy's flow, sends each
 * cache command with callbacks and resumes the flow from the reply, on the real clock. No promise
 * per cache command; the origin's queries, waits and leases, which are rare on the hot path or
 * wait on timers anyway, keep the promise steps. It records exactly what the promise path
 * (runFlow over TimedSteps, then the operation runner) records, through the same functions.
 */
export class CallbackSlot {
  private readonly io: FlowIo
  private flow: Flow<ReadAnswer | void> | undefined
  private kind: FlowKind = 'read'
  private key = 0
  private measured = false
  private intendedStart = 0
  private actualStart = 0
  /** When the cache command under way was sent. */
  private commandStart = 0
  /** An error to throw into the flow when it resumes (a failed origin query), as an awaited rejection would. */
  private thrown: unknown = undefined
  private throwing = false
  /**
   * True while a command is being sent. A client never answers inside the call that sent the
   * command, but a join on a completion already done may: the loop then takes the answer up
   * instead of resuming the flow from inside its own step.
   */
  private sending = false
  private answeredWhileSending = false
  private done: OperationDone = nothing

  constructor(
    private readonly steps: TimedSteps,
    private readonly parts: CallbackParts,
  ) {
    this.io = new FlowIo(steps)
  }

  /** Sets up the next operation, which `begin` starts. */
  prepare(kind: FlowKind, key: number, measured: boolean, intendedStart: number): void {
    this.kind = kind
    this.key = key
    this.measured = measured
    this.intendedStart = intendedStart
    this.steps.measured = measured
    this.steps.intendedStart = intendedStart
  }

  /** Starts the prepared operation; `done` is told when it is over. */
  begin(done: OperationDone): void {
    this.done = done
    const {strategy, records} = this.parts
    this.actualStart = records.actualStart(this.intendedStart)
    const io = this.io
    try {
      this.flow = this.kind === 'read' ? strategy.read(this.key, io) : this.kind === 'write' ? strategy.write(this.key, io) : strategy.delete(this.key, io)
    } catch (error) {
      return this.failed(error)
    }
    this.advance()
  }

  /** Runs the flow until a command has to wait for its answer, or the operation is over. */
  private advance(): void {
    const flow = this.flow as Flow<ReadAnswer | void>
    for (;;) {
      let step: IteratorResult<Command, ReadAnswer | void>
      try {
        if (this.throwing) {
          const error = this.thrown
          this.throwing = false
          this.thrown = undefined
          step = flow.throw(error)
        } else step = flow.next()
      } catch (error) {
        // The strategy let a failure through: the operation fails, as its awaited flow would.
        return this.failed(error)
      }
      if (step.done) return this.finish(step.value)
      this.sending = true
      this.answeredWhileSending = false
      try {
        this.send(step.value)
      } catch (error) {
        this.thrown = error
        this.throwing = true
        this.answeredWhileSending = true
      }
      this.sending = false
      if (!this.answeredWhileSending) return
    }
  }

  private send(command: Command): void {
    const {io, steps} = this
    const {cache, clock} = this.parts
    switch (command) {
      case Command.cacheGet:
        this.commandStart = clock.now()
        return cache.get(io.key, this.gotValue, this.getFailed)
      case Command.cacheSet:
        this.commandStart = clock.now()
        return cache.set(io.key, io.setValue!, io.ttlMs, this.stored, this.commandFailed)
      case Command.cacheDelete:
        this.commandStart = clock.now()
        return cache.delete(io.key, this.deleted, this.commandFailed)
      case Command.originRead:
        return void steps.originRead(io.key).then(this.gotAnswer, this.threw)
      case Command.originWrite:
        return void steps.originWrite(io.key).then(this.gotAnswer, this.threw)
      case Command.originDelete:
        return void steps.originDelete(io.key).then(this.gotAnswer, this.threw)
      case Command.leaseGet:
        return void steps.cacheLeaseGet(io.key).then(this.gotLease, this.threw)
      case Command.leaseSet:
        return void steps.cacheLeaseSet(io.key, io.setValue!, io.ttlMs, io.token).then(this.gotStored, this.threw)
      case Command.wait:
        return void clock.sleep(io.waitMs).then(this.resume, this.threw)
      case Command.join:
        return io.completion!.whenDone(this.resume)
    }
  }

  private readonly resume = (): void => {
    if (this.sending) this.answeredWhileSending = true
    else this.advance()
  }

  // The cache's replies: counted as TimedSteps counts them on the promise path.

  private readonly gotValue = (value: CachedValue | null): void => this.replied(Reply.value, value, undefined)
  // The application treats a failed cache as a miss and reads the origin.
  private readonly getFailed = (error: Error): void => this.replied(Reply.getFailed, null, error)
  private readonly stored = (): void => this.replied(Reply.stored, null, undefined)
  private readonly deleted = (): void => this.replied(Reply.deleted, null, undefined)
  private readonly commandFailed = (error: Error): void => this.replied(Reply.failed, null, error)

  /**
   * A cache command's reply: counted, then the flow resumes. The clock is held at the reply for
   * all this does at once — the command's and the operation's figures, the loop starting the
   * slot's next operation and sending its first command — which then read one moment, the
   * reply's, instead of the clock once for each (five readings a cache-only GET, six in a run
   * bounded by duration: a tenth of the client's CPU at --pipeline 16).
   */
  private replied(reply: Reply, value: CachedValue | null, error: Error | undefined): void {
    const clock = this.parts.clock
    const held = clock.hold?.() === true
    try {
      const {io, steps} = this
      switch (reply) {
        case Reply.value:
          steps.gotValue(io.key, value, this.commandStart)
          io.value = value
          break
        case Reply.getFailed:
          steps.failed(error)
          io.value = null
          break
        case Reply.stored:
          steps.stored(io.key, io.setValue!, this.commandStart)
          break
        case Reply.deleted:
          steps.deleted(io.key, this.commandStart)
          break
        case Reply.failed:
          steps.failed(error)
          break
      }
      this.resume()
    } finally {
      if (held) clock.release?.()
    }
  }

  // The promise steps' answers.

  private readonly gotAnswer = (value: CachedValue): void => {
    this.io.value = value
    this.resume()
  }

  private readonly gotLease = (answer: LeaseGetAnswer): void => {
    this.io.lease = answer
    this.resume()
  }

  private readonly gotStored = (stored: boolean): void => {
    this.io.stored = stored
    this.resume()
  }

  private readonly threw = (error: unknown): void => {
    this.thrown = error
    this.throwing = true
    this.resume()
  }

  /** The operation is over: its figures, as the operation runner records them, then the values it held are let go. */
  private finish(answer: ReadAnswer | void): void {
    this.flow = undefined
    const {records} = this.parts
    if (this.measured) {
      if (this.kind === 'read') records.read(this.key, answer as ReadAnswer, this.actualStart, this.intendedStart)
      else records.change(this.kind, this.actualStart, this.intendedStart)
      this.parts.operationEnded(this.intendedStart)
    }
    this.steps.release()
    const done = this.done
    this.done = nothing
    done()
  }

  private failed(error: unknown): void {
    this.flow = undefined
    const done = this.done
    this.done = nothing
    done({error})
  }
}
