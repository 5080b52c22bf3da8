import {grownInt32, grownLength} from '../engine/typed-array-growth.js'
import type {LatencyModel} from '../generators/latency-model.js'
import type {ValueSizeGenerator} from '../generators/value-size.js'
import type {Clock} from '../time/clock.js'
import type {CachedValue} from '../targets/cache-target.js'
import {CommitLog} from './commit-log.js'
import {HeldVersionLog} from './held-version-log.js'
import type {VersionLog} from './version-log.js'
import {ConcurrencyLimiter} from './concurrency-limiter.js'

export interface SimulatedOriginOptions {
  keyCount: number
  clock: Clock
  readLatency: LatencyModel
  writeLatency: LatencyModel
  concurrency: number
  /** Sizes of new versions. */
  valueSizes: ValueSizeGenerator
  /** Sizes of the data present before the run, one draw per key, in key order (as keys are reserved). */
  initialSizes: ValueSizeGenerator
  /** Keep every version's commit time: needed when a key can have several cached copies (node failures, pool changes). */
  fullHistory?: boolean
}

/** Observes how long each query waited for a connection slot. */
export type QueueObserver = (waitedMs: number) => void

/**
 * The system of record behind the cache: a version and commit time per key, a latency model, and
 * a concurrency limit with queueing. A read returns the version current when the query is
 * served (at the end of its latency); a write commits a new version at the same point.
 */
export class SimulatedOrigin {
  readonly log: VersionLog
  readonly limiter: ConcurrencyLimiter
  private sizes: Int32Array
  /** Keys whose initial size has been drawn. */
  private keyCount: number
  private readonly clock: Clock
  private readonly options: SimulatedOriginOptions

  constructor(options: SimulatedOriginOptions) {
    this.options = options
    this.clock = options.clock
    this.log = options.fullHistory ? new CommitLog(options.keyCount) : new HeldVersionLog(options.keyCount)
    this.limiter = new ConcurrencyLimiter(options.concurrency, (resume) => options.clock.handOff(resume))
    this.sizes = new Int32Array(options.keyCount)
    for (let key = 0; key < options.keyCount; key++) this.sizes[key] = options.initialSizes.next()
    this.keyCount = options.keyCount
  }

  /** Makes room for key ids below `count` and draws their initial sizes: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    if (count <= this.keyCount) return
    this.log.reserveKeys(count)
    if (count > this.sizes.length) this.sizes = grownInt32(this.sizes, grownLength(this.sizes.length, count), 0)
    for (let key = this.keyCount; key < count; key++) this.sizes[key] = this.options.initialSizes.next()
    this.keyCount = count
  }

  currentVersion(key: number): number {
    return this.log.version(key)
  }

  async read(key: number, onQueued?: QueueObserver): Promise<CachedValue> {
    await this.query(this.options.readLatency, onQueued)
    return this.completeRead(key)
  }

  async write(key: number, onQueued?: QueueObserver): Promise<CachedValue> {
    const size = this.nextWriteSize()
    await this.query(this.options.writeLatency, onQueued)
    return this.completeCommit(key, size)
  }

  /** A delete commits a tombstone: a new version of size 0, so caches holding the old one are stale. */
  async delete(key: number, onQueued?: QueueObserver): Promise<CachedValue> {
    await this.query(this.options.writeLatency, onQueued)
    return this.completeCommit(key, 0)
  }

  // The pieces of a query, shared by the async methods above and the simulation core, which
  // calls them from its events: size of a new version (drawn when the write is issued), the
  // service time (drawn once admitted), and what the query does when it is served.

  nextWriteSize(): number {
    return this.options.valueSizes.next()
  }

  readServiceTime(): number {
    return this.options.readLatency.sample()
  }

  writeServiceTime(): number {
    return this.options.writeLatency.sample()
  }

  /** The read is served: the version current now; frees its connection slot. */
  completeRead(key: number, into?: CachedValue): CachedValue {
    const value = this.snapshot(key, into)
    this.limiter.release()
    return value
  }

  /** The write (or, with size 0, the delete) is served: commits the next version now; frees its slot. */
  completeCommit(key: number, size: number, into?: CachedValue): CachedValue {
    this.log.commit(key, this.clock.now())
    this.sizes[key] = size
    return this.completeRead(key, into)
  }

  private async query(latency: LatencyModel, onQueued: QueueObserver | undefined): Promise<void> {
    const wait = this.limiter.acquire()
    if (wait) {
      const queuedAt = this.clock.now()
      await wait
      onQueued?.(this.clock.now() - queuedAt)
    } else {
      onQueued?.(0)
    }
    await this.clock.sleep(latency.sample())
  }

  /**
   * The value handed out, pinned in the log until the operation releases it (TimedSteps on the
   * async path, the slot in the simulation core); into `into` when given, as the simulation core
   * reuses one record per operation slot.
   */
  private snapshot(key: number, into?: CachedValue): CachedValue {
    const value = into ?? {version: 0, committedAt: 0, size: 0}
    value.version = this.log.version(key)
    value.committedAt = this.log.committedAt(key)
    value.size = this.sizes[key]
    this.log.pin(key, value.version)
    return value
  }
}
