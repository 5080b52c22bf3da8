import type {RunMetrics} from '../metrics/run-metrics.js'
import type {QueueObserver, SimulatedOrigin} from '../origin/simulated-origin.js'
import type {Steps} from '../strategies/strategy.js'
import type {CachedValue, CacheTarget} from '../targets/cache-target.js'
import type {Clock} from './clock.js'

/**
 * The strategies' building blocks, timed and counted. One instance per in-flight operation
 * slot; `measured` says whether the current operation is past the warm-up.
 */
export class TimedSteps implements Steps {
  measured = false
  private readonly recordQueueWait: QueueObserver

  constructor(
    private readonly clock: Clock,
    private readonly target: CacheTarget,
    private readonly origin: SimulatedOrigin,
    private readonly metrics: RunMetrics,
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
    if (this.measured) this.metrics.latency['cache.get'].record(this.clock.now() - start)
    if (value === null) this.metrics.wasted.gone(key, this.measured)
    else this.metrics.wasted.hit(key)
    return value
  }

  async cacheSet(key: number, value: CachedValue, ttlMs: number | null): Promise<void> {
    const start = this.clock.now()
    try {
      await this.target.set(key, value, ttlMs)
    } catch (error) {
      this.failed(error)
      return
    }
    this.metrics.wasted.set(key, this.measured)
    if (this.measured) {
      this.metrics.latency['cache.set'].record(this.clock.now() - start)
      this.metrics.counters.cacheSets++
    }
  }

  async cacheDelete(key: number): Promise<void> {
    const start = this.clock.now()
    try {
      await this.target.delete(key)
    } catch (error) {
      this.failed(error)
      return
    }
    this.metrics.wasted.gone(key, this.measured)
    if (this.measured) {
      this.metrics.latency['cache.delete'].record(this.clock.now() - start)
      this.metrics.counters.cacheDeletes++
    }
  }

  async originRead(key: number): Promise<CachedValue> {
    const start = this.clock.now()
    const value = await this.origin.read(key, this.queueObserver)
    if (this.measured) {
      this.metrics.latency['origin.read'].record(this.clock.now() - start)
      this.metrics.counters.originReads++
    }
    return value
  }

  originWrite(key: number): Promise<CachedValue> {
    return this.timedCommit(() => this.origin.write(key, this.queueObserver))
  }

  originDelete(key: number): Promise<CachedValue> {
    return this.timedCommit(() => this.origin.delete(key, this.queueObserver))
  }

  private async timedCommit(commit: () => Promise<CachedValue>): Promise<CachedValue> {
    const start = this.clock.now()
    const value = await commit()
    if (this.measured) {
      this.metrics.latency['origin.write'].record(this.clock.now() - start)
      this.metrics.counters.originWrites++
    }
    return value
  }

  private failed(error: unknown): void {
    if (this.measured) this.metrics.noteError(error)
  }
}
