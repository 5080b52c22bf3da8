import {CommitFlow, type AfterCommit} from './commit-flow.js'
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

  /** After a write's commit: delete the cached copy, or leave it. */
  private readonly afterCommit: AfterCommit | undefined

  constructor(
    private readonly readPath: ReadPath,
    invalidateOnWrite: boolean,
  ) {
    this.afterCommit = invalidateOnWrite ? (key, io) => io.cacheDelete(key) : undefined
  }

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return this.readPath.read(key, io)
  }

  write(key: number, io: FlowIo): Flow<void> {
    return CommitFlow.of(io).start(key, this.afterCommit)
  }

  delete(key: number, io: FlowIo): Flow<void> {
    return deleteAndInvalidate(key, io)
  }
}
