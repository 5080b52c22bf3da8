import type {CacheSettings} from '../metrics/result.js'
import type {CachedValue} from './cached-value.js'
import type {CallbackCommands} from './callback-commands.js'
import type {SimulatedStructureCommands, StructureCommands} from './structure-target.js'
import type {TargetControl} from './target-control.js'

export type {CachedValue} from './cached-value.js'

export interface TargetStats {
  evictions: number
  expirations: number
  items: number | null
  bytes: number | null
}

/** The one interface every cache target implements (builtin, redis, memcached, clusters). */
export interface CacheTarget {
  /** `builtin`, `redis`, `redis-cluster`, `memcached`. */
  readonly kind: string
  /** The URL with any password redacted: safe to print and store. */
  readonly displayUrl: string
  /** Which client library path carries the commands to real servers (`lean`, `ioredis`…); recorded in the result. */
  readonly client?: string
  connect(): Promise<void>
  /** Targets with per-key tables: makes room for key ids below `count` (a trace replay meets its keys as it goes). */
  reserveKeys?(count: number): void
  get(key: number): Promise<CachedValue | null>
  set(key: number, value: CachedValue, ttlMs: number | null): Promise<void>
  delete(key: number): Promise<void>
  /** get, set and delete with completion callbacks, where the client can: the run then drives its flows without a promise per command. */
  readonly callbacks?: CallbackCommands
  /** Counters since connect. */
  stats(): Promise<TargetStats>
  /** Sorted sets, hashes and capped lists (Redis and builtin); absent where the server has none (Memcached). */
  readonly structures?: StructureCommands
  /** Memcached-style leases against stampedes; builtin only for now. */
  readonly leases?: CacheLeases
  /**
   * A cache that lives in simulated time and can answer synchronously: the simulation core
   * drives it directly. Absent on real servers.
   */
  readonly simulated?: SimulatedCache
  /**
   * Eviction control: the cache sizes and evicts itself as the workload's `cache:` section (and
   * the URL) say, with these settings. Absent on real servers, which keep their own memory limit.
   */
  readonly evictionControl?: CacheSettings
  /** Node failures, pool resizes, flushes and failovers, for the workload's `events:`. */
  readonly control?: TargetControl
  /** Real servers: a key already present that the run could write (checked before the first write), or null. */
  findExistingKey?(): Promise<string | null>
  /**
   * Built-in engines: calls `listener` with the key of every entry evicted or expired, and from
   * `reportExpired` with every entry past its TTL still held. Real servers do not say which keys
   * they evicted, so they have neither.
   */
  watchDepartures?(listener: (key: number) => void): {reportExpired(): void}
  /** Deletes the keys this run wrote (real servers, unless told to keep them); returns how many, or throws a PartialCleanup saying how many went before it failed. */
  cleanup(): Promise<number>
  close(): Promise<void>
}

/**
 * What a lease get answers (memcached leases, "Scaling Memcache at Facebook" §3.2.1): the value
 * on a hit; on a miss either a token that makes the caller the key's one filler, or word that
 * another caller holds the lease and this one should wait and ask again.
 */
export type LeaseGetAnswer = {kind: 'hit'; value: CachedValue} | {kind: 'lease'; token: number} | {kind: 'wait'}

/**
 * Leases as a target capability. A set or delete of the key voids any outstanding lease, so a
 * filler that read the origin before a concurrent write cannot put its older value back.
 */
export interface CacheLeases {
  get(key: number): Promise<LeaseGetAnswer>
  /** Stores the value only if `token` is still the key's lease; false when it was voided or lapsed. */
  set(key: number, value: CachedValue, ttlMs: number | null, token: number): Promise<boolean>
}

/**
 * The builtin cache's commands as the simulation core calls them: the modelled latency is drawn
 * when a command is sent, and the command takes effect when it arrives, `latency` later — the
 * same two moments as its async `get`/`set`/`delete`, which are built from these.
 */
export interface SimulatedCache {
  /** Modelled latency of the next command in ms, drawn now; 0 when none is modelled. */
  commandLatency(): number
  /** The live entry of key copied into `into`, or null on a miss. */
  getNow(key: number, into: CachedValue): CachedValue | null
  setNow(key: number, value: CachedValue, ttlMs: number | null): void
  deleteNow(key: number): void
  leaseGetNow(key: number): LeaseGetAnswer
  leaseSetNow(key: number, value: CachedValue, ttlMs: number | null, token: number): boolean
  /** Its data structures answering at once; absent where it has none the core can run. */
  readonly structuresNow?: SimulatedStructureCommands
}

/** A cleanup that deleted some of the run's keys and failed on others: the count is the result's `keysDeleted`. */
export class PartialCleanup extends Error {
  constructor(
    message: string,
    readonly deleted: number,
  ) {
    super(message)
  }
}
