import {deleteAndInvalidate} from './lazy-fill.js'
import type {ReadPath} from './read-path.js'
import type {ReadAnswer, Steps, Strategy} from './strategy.js'

/**
 * Cache-aside: the cache is filled only by read misses. Writes go to the origin alone, so the
 * cached copy stays stale until it expires — unless `invalidateOnWrite` deletes it.
 */
export class LazyLoadingStrategy implements Strategy {
  readonly name = 'lazy-loading'
  readonly usesCache = true

  constructor(
    private readonly readPath: ReadPath,
    private readonly invalidateOnWrite: boolean,
  ) {}

  read(key: number, steps: Steps): Promise<ReadAnswer> {
    return this.readPath(key, steps)
  }

  async write(key: number, steps: Steps): Promise<void> {
    await steps.originWrite(key)
    if (this.invalidateOnWrite) await steps.cacheDelete(key)
  }

  delete(key: number, steps: Steps): Promise<void> {
    return deleteAndInvalidate(key, steps)
  }
}
