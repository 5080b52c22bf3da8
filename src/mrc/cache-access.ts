/** What one operation of the workload does to an LRU cache's recency stack. */
export const LOOKUP = 0
/** A write that stores the value (write-through, write-behind): to the top, neither hit nor miss. */
export const STORE = 1
/** A delete, or a write that invalidates: the key leaves the cache. */
export const REMOVE = 2
export type CacheAccessKind = typeof LOOKUP | typeof STORE | typeof REMOVE

/** Called once per operation; `measured` is false during the warm-up. */
export type CacheAccessVisitor = (kind: CacheAccessKind, key: number, bytes: number, measured: boolean) => void

/** How many operations the curve replays, and how many of the first ones only warm the cache. */
export interface StreamLength {
  requests: number
  warmup: number
}
