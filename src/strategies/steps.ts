import type {CachedValue, LeaseGetAnswer} from '../targets/cache-target.js'

/**
 * The application's building blocks on the async path: each call is one cache command or one
 * origin query, and the runner times and counts it. Strategies do not call them directly: they
 * yield commands (flow.ts) that the async driver carries out with these.
 */
export interface Steps {
  cacheGet(key: number): Promise<CachedValue | null>
  cacheSet(key: number, value: CachedValue, ttlMs: number | null): Promise<void>
  cacheDelete(key: number): Promise<void>
  originRead(key: number): Promise<CachedValue>
  originWrite(key: number): Promise<CachedValue>
  originDelete(key: number): Promise<CachedValue>
  /** A get that, on a miss, grants a lease to one caller and tells the others to wait (targets with leases only). */
  cacheLeaseGet(key: number): Promise<LeaseGetAnswer>
  /** A set carrying a lease token; false when a write voided the lease and the value was refused. */
  cacheLeaseSet(key: number, value: CachedValue, ttlMs: number | null, token: number): Promise<boolean>
  /**
   * The origin's current version of the key — bookkeeping, not a query, and free: it labels a
   * value the application writes to the cache ahead of the origin (write-behind).
   */
  originVersion(key: number): number
  /** Counts work done outside the operation that caused it (deferred writes, refreshes). */
  note(event: BackgroundEvent, count?: number): void
}

/** What happens to deferred and background work, counted in the result's summary. */
export type BackgroundEvent = 'writesCoalesced' | 'writesPending' | 'writesLost' | 'refreshes'
