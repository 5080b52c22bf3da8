/** memcached reads an expiry above 30 days as an absolute Unix time rather than a duration. */
export const MAX_RELATIVE_EXPIRY_SECONDS = 60 * 60 * 24 * 30

/**
 * The expiry field for a TTL in milliseconds (0 = never expires). memcached keeps expiries in
 * whole seconds, so a TTL is rounded up to the next whole second (at least 1 s, since 0 would
 * mean "never"). memcached's clock also advances once a second, so an item really lives
 * between ceil(TTL) − 1 s and ceil(TTL): a 1500 ms TTL lasts 1–2 s. A sub-second TTL becomes
 * 1 s, so such items mostly live longer on memcached than on the builtin engine, which expires
 * to the millisecond.
 */
export function memcachedExpiry(ttlMs: number | null, nowMs: number = Date.now()): number {
  if (ttlMs === null) return 0
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000))
  return seconds <= MAX_RELATIVE_EXPIRY_SECONDS ? seconds : Math.floor(nowMs / 1000) + seconds
}
