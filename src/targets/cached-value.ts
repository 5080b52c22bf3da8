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
