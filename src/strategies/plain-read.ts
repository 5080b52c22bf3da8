import type {CachedValue} from '../targets/cache-target.js'
import type {Command, FlowIo} from './flow.js'
import type {ReadPathHooks} from './read-path-hooks.js'
import type {ReadAnswer} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'
import {ReusedFlow} from './reused-flow.js'

const GET = 0
const LOOKED_UP = 1
const READ_ORIGIN = 2
const FILLED = 3

/**
 * The plain lazy read — get; on a miss read the origin and fill — as a reused flow
 * (reused-flow.ts), because it is the hot path of every simulation: a generator would also
 * allocate an answer per read. This one reuses its answer, which stays valid until the io's
 * next read begins.
 */
export class PlainReadFlow extends ReusedFlow<ReadAnswer> {
  readonly [Symbol.toStringTag] = 'PlainReadFlow'
  private ttlMs: number | null = null
  private readonly answer: ReadAnswer = {value: null, fromCache: false}

  constructor(
    io: FlowIo,
    private readonly ttl: TtlPolicy,
    private readonly hooks: ReadPathHooks,
  ) {
    super(io)
  }

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
        return this.answered(cached, true)
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
        return this.answered(this.answer.value, false)
      default:
        return this.over()
    }
  }

  private answered(value: CachedValue | null, fromCache: boolean): IteratorResult<Command, ReadAnswer> {
    const answer = this.answer
    answer.value = value
    answer.fromCache = fromCache
    return this.end(answer)
  }
}
