/**
 * Memory accounting of the built-in engine, so `capacity: 64MiB` means roughly what it would on
 * a memcached node: an entry costs its value, its key and a fixed per-item overhead.
 */

/**
 * Fixed bytes per entry beyond key and value. It stands for memcached's 64-bit item header —
 * LRU prev/next and hash-chain pointers (24 B), access and expiry times, value length,
 * refcount, flags, slab class and key length, padded to 48 B — plus the 8-byte CAS value that
 * is on by default: 56 B. Slab-class rounding is not modelled (it depends on the growth factor
 * and would make capacity depend on value-size boundaries); Redis's per-key overhead (dict
 * entry, robj, SDS headers) lands in the same few-dozen-byte range.
 */
export const ITEM_OVERHEAD_BYTES = 56

/** Prefix of a key's name as targets spell it: key id 42 is `k:42`. */
export const KEY_PREFIX = 'k:'

/** The key's name as real targets send it (before any run namespace). */
export function keyName(key: number): string {
  return KEY_PREFIX + key
}

/** Length in bytes of keyName(key), computed without building the string. */
export function keyLength(key: number): number {
  let digits = 1
  for (let limit = 10; key >= limit; limit *= 10) digits++
  return KEY_PREFIX.length + digits
}

/** Bytes one entry costs against capacityBytes. */
export function itemBytes(key: number, valueSize: number): number {
  return valueSize + keyLength(key) + ITEM_OVERHEAD_BYTES
}

/**
 * Length of the run namespace real targets put before every key: `cb:` + 8 hex digits + `:`
 * (targets/target-options.ts). The server models count it, since the servers store it.
 */
export const RUN_PREFIX_LENGTH = 12

/** Length in bytes of the key as a real server stores it, namespace included. */
export function serverKeyLength(key: number): number {
  return RUN_PREFIX_LENGTH + keyLength(key)
}
