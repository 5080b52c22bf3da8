import type {RunMetrics} from '../metrics/run-metrics.js'
import type {QueueObserver, SimulatedOrigin} from '../origin/simulated-origin.js'
import {FlowIo, type Flow} from '../strategies/flow.js'
import type {BackgroundEvent, Steps} from '../strategies/strategy.js'
import type {CachedValue, CacheLeases, CacheTarget, LeaseGetAnswer} from '../targets/cache-target.js'
import type {Clock} from '../time/clock.js'
import {BackgroundWork} from './background-work.js'
import {countDelete, countGet, countLeaseGet, countLeaseSet, countSet} from './command-counts.js'
import {runFlow} from './run-flow.js'

/**
 * The strategies' building blocks, timed and counted. One instance per in-flight operation
 * slot; `measured` says whether the current operation is past the warm-up.
 */
export class TimedSteps implements Steps {
  measured = false
  /** The current operation's intended start: the timeline counts its origin reads and errors there. */
  intendedStart = 0
  private readonly recordQueueWait: QueueObserver
  /** Key and version of every value the origin handed out since the last release(), flattened. */
  private readonly handedOut: number[] = []

  constructor(
    private readonly clock: Clock,
    private readonly target: CacheTarget,
    private readonly origin: SimulatedOrigin,
    private readonly metrics: RunMetrics,
    /** Where flows started beside an operation are tracked: the run's, shared by every slot. */
    readonly background: BackgroundWork = new BackgroundWork(),
  ) {
    this.recordQueueWait = (ms) => metrics.originQueue.record(ms)
  }

  private get queueObserver(): QueueObserver | undefined {
    return this.measured ? this.recordQueueWait : undefined
  }

  async cacheGet(key: number): Promise<CachedValue | null> {
    const start = this.clock.now()
    let value: CachedValue | null
    try {
      value = await this.target.get(key)
    } catch (error) {
      // The application treats a failed cache as a miss and reads the origin.
      this.failed(error)
      return null
    }
    this.gotValue(key, value, start)
    return value
  }

  // What a cache command's reply counts, shared with the callback path (callback-slot.ts), which
  // sends the command itself: `start` is when it was sent.

  /** A get answered `value`. */
  gotValue(key: number, value: CachedValue | null, start: number): void {
    countGet(this.metrics, key, value, this.clock.now() - start, this.measured)
  }

  /** A set of `value` was stored. */
  stored(key: number, value: CachedValue, start: number): void {
    countSet(this.metrics, this.origin, key, value.version, this.clock.now() - start, this.measured)
  }

  /** A delete was done. */
  deleted(key: number, start: number): void {
    countDelete(this.metrics, key, this.clock.now() - start, this.measured)
  }

  /** A cache command failed: the application goes on as if it had missed (or not written), and the error is counted. */
  failed(error: unknown): void {
    if (this.measured) this.metrics.noteError(error, this.intendedStart)
  }

  async cacheSet(key: number, value: CachedValue, ttlMs: number | null): Promise<void> {
    const start = this.clock.now()
    try {
      await this.target.set(key, value, ttlMs)
    } catch (error) {
      this.failed(error)
      return
    }
    this.stored(key, value, start)
  }

  async cacheDelete(key: number): Promise<void> {
    const start = this.clock.now()
    try {
      await this.target.delete(key)
    } catch (error) {
      this.failed(error)
      return
    }
    this.deleted(key, start)
  }

  async originRead(key: number): Promise<CachedValue> {
    const start = this.clock.now()
    const inFlight = this.metrics.originReadsInFlight
    if (inFlight[key] > 0 && this.measured) this.metrics.counters.duplicateOriginReads++
    inFlight[key]++
    let value: CachedValue
    try {
      value = await this.origin.read(key, this.queueObserver)
    } finally {
      inFlight[key]--
    }
    this.handedOut.push(key, value.version)
    if (this.measured) {
      const end = this.clock.now()
      this.metrics.latency['origin.read'].record(end - start)
      this.metrics.counters.originReads++
      this.metrics.timeline?.originRead(this.intendedStart)
    }
    return value
  }

  async cacheLeaseGet(key: number): Promise<LeaseGetAnswer> {
    const start = this.clock.now()
    let answer: LeaseGetAnswer
    try {
      answer = await this.leases.get(key)
    } catch (error) {
      // As with a failed get: read the origin; token 0 is never issued, so the fill is refused.
      this.failed(error)
      return {kind: 'lease', token: 0}
    }
    countLeaseGet(this.metrics, key, answer, this.clock.now() - start, this.measured)
    return answer
  }

  async cacheLeaseSet(key: number, value: CachedValue, ttlMs: number | null, token: number): Promise<boolean> {
    const start = this.clock.now()
    let stored: boolean
    try {
      stored = await this.leases.set(key, value, ttlMs, token)
    } catch (error) {
      this.failed(error)
      return false
    }
    countLeaseSet(this.metrics, this.origin, key, value.version, stored, this.clock.now() - start, this.measured)
    return stored
  }

  originVersion(key: number): number {
    return this.origin.currentVersion(key)
  }

  note(event: BackgroundEvent, count = 1): void {
    if (this.measured) this.metrics.counters[event] += count
  }

  /** Runs the flow with these steps: counted, and its origin values pinned, as this slot's current operation's. */
  spawn(start: (io: FlowIo) => Flow<void>): void {
    const io = new FlowIo(this)
    this.background.track(runFlow(start(io), io, this, this.clock))
  }

  private get leases(): CacheLeases {
    const leases = this.target.leases
    // The run refuses a lease strategy on targets without leases before it starts.
    if (!leases) throw new Error(`the ${this.target.kind} target has no leases`)
    return leases
  }

  originWrite(key: number): Promise<CachedValue> {
    return this.timedCommit(key, () => this.origin.write(key, this.queueObserver))
  }

  originDelete(key: number): Promise<CachedValue> {
    return this.timedCommit(key, () => this.origin.delete(key, this.queueObserver))
  }

  private async timedCommit(key: number, commit: () => Promise<CachedValue>): Promise<CachedValue> {
    const start = this.clock.now()
    const value = await commit()
    this.handedOut.push(key, value.version)
    if (this.measured) {
      this.metrics.latency['origin.write'].record(this.clock.now() - start)
      this.metrics.counters.originWrites++
    }
    return value
  }

  /** The operation is over: the values it was handed need no longer be remembered for its sake. */
  release(): void {
    const handedOut = this.handedOut
    // Most operations were handed nothing (every hit): setting an array's length is a call into
    // the runtime even when it does not change.
    if (handedOut.length === 0) return
    for (let index = 0; index < handedOut.length; index += 2) this.origin.log.unpin(handedOut[index], handedOut[index + 1])
    handedOut.length = 0
  }
}
