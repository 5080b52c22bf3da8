import type {CachedValue} from '../targets/cache-target.js'
import {CommitFlow, type AfterCommit} from './commit-flow.js'
import type {Flow, FlowIo} from './flow.js'
import {deleteAndInvalidate} from './lazy-fill.js'
import type {ReadPath} from './read-path.js'
import type {ReadAnswer, Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/** Every write updates the origin and then the cache, so the cache holds the newest version; misses fill lazily. */
export class WriteThroughStrategy implements Strategy {
  readonly name = 'write-through'
  readonly usesCache = true

  constructor(
    private readonly readPath: ReadPath,
    private readonly ttl: TtlPolicy,
  ) {}

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return this.readPath.read(key, io)
  }

  write(key: number, io: FlowIo): Flow<void> {
    return CommitFlow.of(io).start(key, this.setCommitted)
  }

  /** The committed version goes to the cache, with a TTL drawn once the commit is done. */
  private readonly setCommitted: AfterCommit = (key, io) => io.cacheSet(key, io.value as CachedValue, this.ttl.next())

  delete(key: number, io: FlowIo): Flow<void> {
    return deleteAndInvalidate(key, io)
  }
}
