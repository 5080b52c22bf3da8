import type {CachedValue} from '../targets/cache-target.js'
import type {Command, Flow, FlowIo} from './flow.js'
import type {ReadPathHooks} from './read-path-hooks.js'
import type {ReadAnswer} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

const GET = 0
const LOOKED_UP = 1
const READ_ORIGIN = 2
const FILLED = 3
const OVER = 4

/**
 * The plain lazy read — get; on a miss read the origin and fill — as a flow written out by hand
 * instead of a generator function, because it is the hot path of every simulation: a generator
 * allocates itself, a result per step and an answer per read. This one is made once per
 * `FlowIo` (an io runs one operation at a time) and reuses its step result and its answer, which
 * stays valid until the io's next read begins. It is still a `Flow`, so the simulation core and
 * the async driver run it as they run every other strategy's flow.
 */
export class PlainReadFlow implements Flow<ReadAnswer> {
  readonly [Symbol.toStringTag] = 'PlainReadFlow'
  private state = OVER
  private key = 0
  private ttlMs: number | null = null
  private readonly answer: ReadAnswer = {value: null, fromCache: false}
  private readonly step: IteratorResult<Command, ReadAnswer> = {done: false, value: 0}

  constructor(
    private readonly io: FlowIo,
    private readonly ttl: TtlPolicy,
    private readonly hooks: ReadPathHooks,
  ) {}

  madeFor(ttl: TtlPolicy, hooks: ReadPathHooks): boolean {
    return this.ttl === ttl && this.hooks === hooks
  }

  /** Starts a read of key; the previous one, if any, is over. */
  start(key: number): this {
    this.key = key
    this.state = GET
    return this
  }

  next(): IteratorResult<Command, ReadAnswer> {
    const io = this.io
    switch (this.state) {
      case GET:
        this.state = LOOKED_UP
        return this.yield(io.cacheGet(this.key))
      case LOOKED_UP: {
        const cached = io.value
        if (cached === null) {
          this.state = READ_ORIGIN
          return this.yield(io.originRead(this.key))
        }
        this.hooks.hit?.(this.key, io)
        return this.end(cached, true)
      }
      case READ_ORIGIN: {
        this.state = FILLED
        this.ttlMs = this.ttl.next()
        // The answer holds the origin's value: the io's `value` is overwritten by later commands.
        this.answer.value = io.value as CachedValue
        return this.yield(io.cacheSet(this.key, this.answer.value, this.ttlMs))
      }
      case FILLED:
        this.hooks.filled?.(this.key, this.ttlMs)
        return this.end(this.answer.value, false)
      default:
        return this.over()
    }
  }

  /** A command failed where the flow has no handler: the read ends with that error, as a generator's would. */
  throw(error: unknown): IteratorResult<Command, ReadAnswer> {
    this.state = OVER
    throw error
  }

  return(value: ReadAnswer): IteratorResult<Command, ReadAnswer> {
    this.state = OVER
    return {done: true, value}
  }

  [Symbol.iterator](): this {
    return this
  }

  private yield(command: Command): IteratorResult<Command, ReadAnswer> {
    const step = this.step
    step.done = false
    step.value = command
    return step
  }

  private end(value: CachedValue | null, fromCache: boolean): IteratorResult<Command, ReadAnswer> {
    this.state = OVER
    const answer = this.answer
    answer.value = value
    answer.fromCache = fromCache
    const step = this.step
    step.done = true
    step.value = answer
    return step
  }

  private over(): IteratorResult<Command, ReadAnswer> {
    return {done: true, value: undefined as unknown as ReadAnswer}
  }
}
