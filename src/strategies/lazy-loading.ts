import type {Flow, FlowIo} from './flow.js'
import {deleteAndInvalidate} from './lazy-fill.js'
import type {ReadPath} from './read-path.js'
import type {ReadAnswer, Strategy} from './strategy.js'

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

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return this.readPath.read(key, io)
  }

  *write(key: number, io: FlowIo): Flow<void> {
    yield io.originWrite(key)
    if (this.invalidateOnWrite) yield io.cacheDelete(key)
  }

  delete(key: number, io: FlowIo): Flow<void> {
    return deleteAndInvalidate(key, io)
  }
}
