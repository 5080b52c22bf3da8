/**
 * Chooses which entry leaves a full cache. The engine names entries by slot (a dense index into
 * its typed arrays), so a policy keeps its own per-slot state in typed arrays of the same size.
 */
export interface EvictionPolicy {
  /** A new entry now occupies slot. */
  inserted(slot: number): void
  /** The entry in slot was read or overwritten. */
  touched(slot: number): void
  /** The entry in slot left the cache (delete, expiry, eviction). */
  removed(slot: number): void
  /** The slot to evict next, or -1 when empty. */
  victim(): number
  /** Make room for slot indices < capacity (slot tables grow by doubling). */
  grow(capacity: number): void
}
