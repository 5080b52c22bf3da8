import {grownFloat64, grownLength, grownUint8} from '../engine/typed-array-growth.js'
import type {Clock} from '../time/clock.js'
import {CommitFlow} from './commit-flow.js'
import type {StrategySpec} from '../workload/types.js'
import type {Flow, FlowIo} from './flow.js'
import {deleteAndInvalidate} from './lazy-fill.js'
import {createReadPath, type ReadPath} from './read-path.js'
import type {CachedValue} from '../targets/cache-target.js'
import type {ReadAnswer, Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/**
 * Refresh-ahead: reads and writes as lazy-loading, and a hit on an entry with less than
 * `refreshAt` of its TTL left reloads it from the origin in the background (one refresh per
 * key at a time), so hot keys are renewed before they expire instead of missing.
 *
 * Each entry's expiry is tracked on the client from the TTL it was set with, so this works the
 * same on every target without asking the server for remaining TTLs. The refresh is a flow
 * started beside the read that triggered it (FlowIo.spawn), so both engines run it.
 */
export class RefreshAheadStrategy implements Strategy {
  readonly name = 'refresh-ahead'
  readonly usesCache = true
  private readonly readPath: ReadPath
  private expiresAt: Float64Array
  private ttlOf: Float64Array
  private refreshing: Uint8Array
  private stopped = false

  constructor(
    spec: StrategySpec,
    private readonly ttl: TtlPolicy,
    private readonly clock: Clock,
    keyCount: number,
  ) {
    this.expiresAt = new Float64Array(keyCount)
    this.ttlOf = new Float64Array(keyCount)
    this.refreshing = new Uint8Array(keyCount)
    const refreshAt = spec.refreshAt
    this.readPath = createReadPath(spec, ttl, {
      filled: (key, ttlMs) => this.filled(key, ttlMs),
      hit: (key, io) => {
        const ttlMs = this.ttlOf[key]
        if (ttlMs > 0 && this.expiresAt[key] - clock.now() < refreshAt * ttlMs) this.refresh(key, io)
      },
    })
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    const length = this.expiresAt.length
    if (count <= length) return
    const grown = grownLength(length, count)
    this.expiresAt = grownFloat64(this.expiresAt, grown, 0)
    this.ttlOf = grownFloat64(this.ttlOf, grown, 0)
    this.refreshing = grownUint8(this.refreshing, grown)
  }

  read(key: number, io: FlowIo): Flow<ReadAnswer> {
    return this.readPath.read(key, io)
  }

  /** The origin alone: the cache entry is left to expire, or to be refreshed ahead of that. */
  write(key: number, io: FlowIo): Flow<void> {
    return CommitFlow.of(io).start(key, undefined)
  }

  delete(key: number, io: FlowIo): Flow<void> {
    return deleteAndInvalidate(key, io)
  }

  stop(): void {
    this.stopped = true
  }

  private filled(key: number, ttlMs: number | null): void {
    // No TTL: the entry never nears expiry, so it is never refreshed.
    this.ttlOf[key] = ttlMs ?? 0
    this.expiresAt[key] = ttlMs === null ? Infinity : this.clock.now() + ttlMs
  }

  private refresh(key: number, io: FlowIo): void {
    if (this.stopped || this.refreshing[key] === 1) return
    this.refreshing[key] = 1
    io.books.note('refreshes')
    io.spawn((refreshIo) => this.reload(key, refreshIo))
  }

  private *reload(key: number, io: FlowIo): Flow<void> {
    try {
      yield io.originRead(key)
      const value = io.value as CachedValue
      const ttlMs = this.ttl.next()
      yield io.cacheSet(key, value, ttlMs)
      this.filled(key, ttlMs)
    } finally {
      this.refreshing[key] = 0
    }
  }
}
