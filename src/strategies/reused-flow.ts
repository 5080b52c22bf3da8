import type {Command, Flow, FlowIo} from './flow.js'

/** The state every reused flow is in between operations: any call but a start ends at once. */
export const OVER = -1

/**
 * A flow written out by hand as a state machine instead of a generator function, for the hot
 * paths of every simulation: a generator allocates itself and a result per step, where one of
 * these is made once per `FlowIo` (an io runs one operation at a time) and reuses its step
 * result. It is still a `Flow`, so the simulation core and the async driver run it as they run
 * every other strategy's flow. Subclasses set `state` when they start and advance it in `next`.
 */
export abstract class ReusedFlow<T> implements Flow<T> {
  abstract readonly [Symbol.toStringTag]: string
  protected state = OVER
  /** The key of the operation under way, set by the subclass's start. */
  protected key = 0
  private readonly step: IteratorResult<Command, T> = {done: false, value: 0}

  /** `io`: the registers of the one operation at a time this flow runs, whose commands it fills in. */
  constructor(protected readonly io: FlowIo) {}

  abstract next(): IteratorResult<Command, T>

  /** A command failed where the flow has no handler: the operation ends with that error, as a generator's would. */
  throw(error: unknown): IteratorResult<Command, T> {
    this.state = OVER
    throw error
  }

  return(value: T): IteratorResult<Command, T> {
    this.state = OVER
    return {done: true, value}
  }

  [Symbol.iterator](): this {
    return this
  }

  protected yield(command: Command): IteratorResult<Command, T> {
    const step = this.step
    step.done = false
    step.value = command
    return step
  }

  /** The operation is over with `value`. */
  protected end(value: T): IteratorResult<Command, T> {
    this.state = OVER
    const step = this.step
    step.done = true
    step.value = value
    return step
  }

  /** A call after the end: done, as a finished generator answers. */
  protected over(): IteratorResult<Command, T> {
    return {done: true, value: undefined as T}
  }
}
