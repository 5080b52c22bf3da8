interface HashEntry<Value> {
  fields: Map<number, Value>
  /** Run-clock time after which the hash is gone; Infinity without a time to live. */
  expiresAt: number
  /** `fields` was handed to a reader (getShared): the next write copies them first, so what it read stays as it was. */
  shared: boolean
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
      entry = {fields: new Map(), expiresAt: Number.POSITIVE_INFINITY, shared: false}
      this.entries.set(key, entry)
    } else if (entry.shared) {
      entry.fields = new Map(entry.fields)
      entry.shared = false
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

  /**
   * HGETALL without a copy: the fields as they are now, which later writes do not change (the
   * next write to the hash copies them first). Reads far outnumber writes in session workloads,
   * and a copy per read was the largest cost of simulating one.
   */
  getShared(key: number): ReadonlyMap<number, Value> | null {
    const entry = this.live(key)
    if (!entry) return null
    entry.shared = true
    return entry.fields
  }

  /** HLEN: how many fields the hash has; null when it does not exist (HGETALL's answer without its fields). */
  fieldCount(key: number): number | null {
    const entry = this.live(key)
    return entry ? entry.fields.size : null
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
