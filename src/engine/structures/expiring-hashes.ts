interface HashEntry<Value> {
  fields: Map<number, Value>
  /** Run-clock time after which the hash is gone; Infinity without a time to live. */
  expiresAt: number
}

/**
 * Hashes with a time to live per key, with Redis's rules: HSET keeps the time to live a hash
 * already has; a hash is gone once the clock passes its deadline (strictly after, as Redis
 * checks `now > when`), and never returned afterwards; PEXPIRE with ms ≤ 0 deletes at once.
 *
 * Expiry is lazy: an expired hash is dropped when a command touches it. Nothing sweeps, since
 * the hashes are bounded by the keyspace and every touch checks the deadline first.
 */
export class ExpiringHashes<Value> {
  private readonly entries = new Map<number, HashEntry<Value>>()
  /** Hashes found expired (each counted once, when dropped). */
  expirations = 0

  constructor(private readonly now: () => number) {}

  /** HSET of one field: true when the field is new. */
  set(key: number, field: number, value: Value): boolean {
    let entry = this.live(key)
    if (!entry) {
      entry = {fields: new Map(), expiresAt: Number.POSITIVE_INFINITY}
      this.entries.set(key, entry)
    }
    const isNew = !entry.fields.has(field)
    entry.fields.set(field, value)
    return isNew
  }

  /** HGETALL: a copy of the fields, or null when the hash does not exist. */
  getAll(key: number): Map<number, Value> | null {
    const entry = this.live(key)
    return entry ? new Map(entry.fields) : null
  }

  /** PEXPIRE: true when the hash existed. */
  expire(key: number, ms: number): boolean {
    const entry = this.live(key)
    if (!entry) return false
    if (ms <= 0) this.entries.delete(key)
    else entry.expiresAt = this.now() + ms
    return true
  }

  /** Milliseconds the hash has left (PTTL): null when absent, Infinity without a time to live. */
  remainingMs(key: number): number | null {
    const entry = this.live(key)
    return entry ? entry.expiresAt - this.now() : null
  }

  private live(key: number): HashEntry<Value> | undefined {
    const entry = this.entries.get(key)
    if (entry && this.now() > entry.expiresAt) {
      this.entries.delete(key)
      this.expirations++
      return undefined
    }
    return entry
  }
}
