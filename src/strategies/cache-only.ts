import {Command, type Flow, type FlowIo} from './flow.js'
import {OneCommandReadFlow} from './one-command-read.js'
import type {ReadAnswer, Strategy} from './strategy.js'
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

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return OneCommandReadFlow.of(io, Command.cacheGet).start(key)
  }

  *write(key: number, io: FlowIo): Flow<void> {
    yield io.cacheSet(key, {version: 0, committedAt: 0, size: this.valueSize()}, this.ttl.next())
  }

  *delete(key: number, io: FlowIo): Flow<void> {
    yield io.cacheDelete(key)
  }
}
