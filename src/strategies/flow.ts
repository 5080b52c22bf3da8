import type {CachedValue, LeaseGetAnswer} from '../targets/cache-target.js'
import type {Completion} from './completion.js'
import type {BackgroundEvent} from './steps.js'

/**
 * A strategy's operation written once, as a generator that yields one command at a time — a
 * cache command, an origin query or a wait — and is resumed when it has completed. The
 * simulation core resumes it from its event heap, synchronously; real targets resume it from
 * an async driver. Arguments and answers travel in the operation's `FlowIo`, so a step
 * allocates nothing.
 */
export type Flow<T> = Generator<Command, T, void>

export const Command = {
  cacheGet: 0,
  cacheSet: 1,
  cacheDelete: 2,
  originRead: 3,
  originWrite: 4,
  originDelete: 5,
  leaseGet: 6,
  leaseSet: 7,
  /** Lets `waitMs` pass (lease retries). */
  wait: 8,
  /** Waits until a `Completion` another flow finishes is done (a miss behind a shared load, a delete behind a flush). */
  join: 9,
} as const
export type Command = (typeof Command)[keyof typeof Command]

/** Bookkeeping a strategy does between commands: free, and not a command of its own. */
export interface FlowBooks {
  /** The origin's current version of the key (labels values set ahead of the origin). */
  originVersion(key: number): number
  /** Counts work done outside the operation that caused it (deferred writes, refreshes). */
  note(event: BackgroundEvent, count?: number): void
  /**
   * Starts a flow beside the operation (a refresh, a deferred flush), now, on the same engine:
   * it runs on to its first command before this returns, gets registers of its own, and is timed
   * and counted as this operation's commands are. The run waits for it before it ends.
   */
  spawn(start: (io: FlowIo) => Flow<void>): void
}

const NO_LEASE: LeaseGetAnswer = {kind: 'wait'}

/**
 * One operation's registers: the methods put a command's arguments here and return the command
 * to yield; the executor puts the answer in `value`, `lease` or `stored` before resuming.
 */
export class FlowIo {
  key = 0
  /** The value a set carries. */
  setValue: CachedValue | null = null
  /** A value the io's strategy fills in itself for a set (write-behind's value ahead of the origin), so such a write allocates none. */
  readonly valueAhead: CachedValue = {version: 0, committedAt: 0, size: 0}
  ttlMs: number | null = null
  token = 0
  waitMs = 0
  completion: Completion | undefined = undefined

  /** The reusable read flow of the strategy this io serves (read-path.ts), so a read allocates none. */
  readFlow: object | undefined = undefined
  /** The reusable write flow of the io's strategy (commit-flow.ts, write-behind-flows.ts), so a write allocates none. */
  writeFlow: object | undefined = undefined
  /** The reusable flow a strategy runs on a spawned io (a write-behind flush), so a spawn allocates none. */
  backgroundFlow: object | undefined = undefined

  /** Answer of a get or an origin query. */
  value: CachedValue | null = null
  /** Answer of a lease get. */
  lease: LeaseGetAnswer = NO_LEASE
  /** Answer of a lease set: false when a write voided the lease. */
  stored = false
  constructor(readonly books: FlowBooks) {}

  cacheGet(key: number): Command {
    this.key = key
    return Command.cacheGet
  }

  cacheSet(key: number, value: CachedValue, ttlMs: number | null): Command {
    this.key = key
    this.setValue = value
    this.ttlMs = ttlMs
    return Command.cacheSet
  }

  cacheDelete(key: number): Command {
    this.key = key
    return Command.cacheDelete
  }

  originRead(key: number): Command {
    this.key = key
    return Command.originRead
  }

  originWrite(key: number): Command {
    this.key = key
    return Command.originWrite
  }

  originDelete(key: number): Command {
    this.key = key
    return Command.originDelete
  }

  leaseGet(key: number): Command {
    this.key = key
    return Command.leaseGet
  }

  leaseSet(key: number, value: CachedValue, ttlMs: number | null, token: number): Command {
    this.key = key
    this.setValue = value
    this.ttlMs = ttlMs
    this.token = token
    return Command.leaseSet
  }

  wait(ms: number): Command {
    this.waitMs = ms
    return Command.wait
  }

  join(completion: Completion): Command {
    this.completion = completion
    return Command.join
  }

  /** Starts `start`'s flow beside this operation (FlowBooks.spawn). */
  spawn(start: (io: FlowIo) => Flow<void>): void {
    this.books.spawn(start)
  }

}
