/**
 * Chooses which entry leaves a full cache. The engine names entries by slot (a dense index into
 * its typed arrays), so a policy keeps its own per-slot state in typed arrays of the same size.
 */
export interface EvictionPolicy {
  /**
   * A new entry now occupies slot. The engine passes what it counts against capacity
   * (models/memory-model.ts); only size-aware policies (memcached's per-class LRU) read it.
   */
  inserted(slot: number, charge?: number): void
  /** The entry in slot was read or overwritten. */
  touched(slot: number): void
  /** The entry in slot left the cache (delete, expiry, eviction). */
  removed(slot: number): void
  /** The slot to evict next, or -1 when empty. */
  victim(): number
  /** Make room for slot indices < capacity (slot tables grow by doubling). */
  grow(capacity: number): void
  /**
   * The slot to evict to make room for an entry costing charge, or -1 when none may go (the
   * write is then refused, as Redis's volatile policies do with no volatile key). Policies that
   * keep one order for every size leave it out and the engine asks victim().
   */
  victimFor?(charge: number): number
  /** A key not in the cache is about to be stored: called before any victim is asked for (ARC adapts to it). */
  incoming?(key: number): void
  /** An overwrite gave the entry in slot a new value and expiry (after touched()). */
  rewritten?(slot: number): void
}

/** What a policy may read from the engine besides its own per-slot state. */
export interface PolicyContext {
  /** The run clock in ms. */
  now(): number
  /** Run-clock expiry of the live entry in slot; Infinity when it has no TTL. */
  expiresAt(slot: number): number
  /** Key id of the entry in slot, valid from inserted() until removed() returns (ghost lists remember keys). */
  keyOf(slot: number): number
  /** Seeds the policy's own random stream (sampling policies). */
  seed: number
}
