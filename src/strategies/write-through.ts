import {deleteAndInvalidate} from './lazy-fill.js'
import type {ReadPath} from './read-path.js'
import type {ReadAnswer, Steps, Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/** Every write updates the origin and then the cache, so the cache holds the newest version; misses fill lazily. */
export class WriteThroughStrategy implements Strategy {
  readonly name = 'write-through'
  readonly usesCache = true

  constructor(
    private readonly readPath: ReadPath,
    private readonly ttl: TtlPolicy,
  ) {}

  read(key: number, steps: Steps): Promise<ReadAnswer> {
    return this.readPath(key, steps)
  }

  async write(key: number, steps: Steps): Promise<void> {
    const value = await steps.originWrite(key)
    await steps.cacheSet(key, value, this.ttl.next())
  }

  delete(key: number, steps: Steps): Promise<void> {
    return deleteAndInvalidate(key, steps)
  }
}
