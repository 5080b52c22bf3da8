/**
 * How an engine model counts memory: what one entry costs and whether one more fits. The
 * engine keeps the entries and asks its eviction policy for victims until hasRoom() is true.
 */
export interface MemoryModel {
  /** Bytes an entry of this key and value size costs against the capacity. */
  charge(key: number, valueSize: number, hasTtl: boolean): number
  /** Whether an entry costing charge could ever be stored, even in an empty cache. */
  fitsAlone(charge: number): boolean
  /** Whether an entry costing charge may be stored now without evicting anything. */
  hasRoom(charge: number, bytesUsed: number, items: number): boolean
  /** An entry costing charge was stored (memcached takes a slab chunk). */
  taken(charge: number): void
  /** An entry costing charge left (memcached gives its chunk back to its class). */
  returned(charge: number): void
  /**
   * true: an overwrite keeps the entry and only its charge changes (Redis replaces the value of
   * the key's dict entry). false: an overwrite stores a new item and drops the old one
   * (memcached allocates a new item, possibly in another slab class, and unlinks the old).
   */
  readonly overwritesInPlace: boolean
}
