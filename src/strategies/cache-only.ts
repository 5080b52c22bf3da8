import type {ReadAnswer, Steps, Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/**
 * Cache commands alone, no origin: a read is a GET, a write a SET, a delete a DEL. It measures
 * the cache server's raw speed, as redis-benchmark or memtier do, with the same workload file.
 */
export class CacheOnlyStrategy implements Strategy {
  readonly name = 'cache-only'
  readonly usesCache = true
  constructor(
    private readonly ttl: TtlPolicy,
    private readonly valueSize: () => number,
  ) {}

  async read(key: number, steps: Steps): Promise<ReadAnswer> {
    const cached = await steps.cacheGet(key)
    return {value: null, fromCache: cached !== null}
  }

  async write(key: number, steps: Steps): Promise<void> {
    await steps.cacheSet(key, {version: 0, committedAt: 0, size: this.valueSize()}, this.ttl.next())
  }

  async delete(key: number, steps: Steps): Promise<void> {
    await steps.cacheDelete(key)
  }
}
