/**
 * What a cache holds for one key. Real targets write it as a small header (version, commit
 * time) padded to `size` bytes, so every read can be classified fresh / stale / miss.
 */
export interface CachedValue {
  /** The origin's version of the key this value was built from. */
  version: number
  /** When the origin committed that version (run clock, ms). */
  committedAt: number
  /** Bytes of the value as stored. */
  size: number
}

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
  connect(): Promise<void>
  get(key: number): Promise<CachedValue | null>
  set(key: number, value: CachedValue, ttlMs: number | null): Promise<void>
  delete(key: number): Promise<void>
  /** Counters since connect. */
  stats(): Promise<TargetStats>
  /** Deletes the keys this run wrote (real servers, unless told to keep them); returns how many. */
  cleanup(): Promise<number>
  close(): Promise<void>
}
