import type {CacheEngineCounters} from '../../src/engine/cache-engine.js'
import type {EvictionPolicyName} from '../../src/workload/types.js'

interface ReferenceEntry {
  version: number
  committedAt: number
  size: number
  expiresAt: number
  bytes: number
  frequency: number
  lastUse: number
  insertedAt: number
}

/**
 * A deliberately naive model of the engine's documented behaviour: entries in a Map, victims
 * found by scanning for the smallest (frequency,) last use or insertion time. Slow, but short
 * enough to check by reading.
 */
export class ReferenceCache {
  readonly counters: CacheEngineCounters = {
    hits: 0,
    misses: 0,
    sets: 0,
    deletes: 0,
    evictions: 0,
    expirations: 0,
    rejected: 0,
  }
  readonly entries = new Map<number, ReferenceEntry>()
  bytes = 0
  private tick = 0

  constructor(
    private readonly policy: Extract<EvictionPolicyName, 'lru' | 'lfu' | 'fifo'>,
    private readonly maxItems: number,
    private readonly capacityBytes: number,
    private readonly now: () => number,
  ) {}

  lookup(key: number): ReferenceEntry | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) {
      this.counters.misses++
      return undefined
    }
    if (this.expired(entry)) {
      this.remove(key)
      this.counters.expirations++
      this.counters.misses++
      return undefined
    }
    this.counters.hits++
    this.touch(entry)
    return entry
  }

  set(key: number, version: number, committedAt: number, size: number, ttlMs: number | null): void {
    this.counters.sets++
    const bytes = size + `k:${key}`.length + 56
    const existing = this.entries.get(key)
    if (bytes > this.capacityBytes) {
      this.counters.rejected++
      if (existing !== undefined) {
        if (this.expired(existing)) this.counters.expirations++
        this.remove(key)
      }
      return
    }
    const expiresAt = ttlMs === null ? Infinity : this.now() + ttlMs
    if (existing !== undefined) {
      if (this.expired(existing)) {
        this.remove(key)
        this.counters.expirations++
      } else {
        this.touch(existing)
        let ownVersionEvicted = false
        while (this.bytes - existing.bytes + bytes > this.capacityBytes) {
          const victim = this.victim()
          this.evict(victim)
          if (victim === key) {
            ownVersionEvicted = true
            break
          }
        }
        if (!ownVersionEvicted) {
          this.bytes += bytes - existing.bytes
          Object.assign(existing, {version, committedAt, size, expiresAt, bytes})
          return
        }
      }
    }
    while (this.entries.size >= this.maxItems || this.bytes + bytes > this.capacityBytes) this.evict(this.victim())
    this.tick++
    this.entries.set(key, {version, committedAt, size, expiresAt, bytes, frequency: 1, lastUse: this.tick, insertedAt: this.tick})
    this.bytes += bytes
  }

  delete(key: number): boolean {
    this.counters.deletes++
    const entry = this.entries.get(key)
    if (entry === undefined) return false
    const live = !this.expired(entry)
    if (!live) this.counters.expirations++
    this.remove(key)
    return live
  }

  private victim(): number {
    let best = -1
    let bestEntry: ReferenceEntry | undefined
    for (const [key, entry] of this.entries) {
      if (bestEntry === undefined || this.before(entry, bestEntry)) {
        best = key
        bestEntry = entry
      }
    }
    return best
  }

  private before(a: ReferenceEntry, b: ReferenceEntry): boolean {
    switch (this.policy) {
      case 'lru':
        return a.lastUse < b.lastUse
      case 'fifo':
        return a.insertedAt < b.insertedAt
      case 'lfu':
        return a.frequency < b.frequency || (a.frequency === b.frequency && a.lastUse < b.lastUse)
    }
  }

  private touch(entry: ReferenceEntry): void {
    entry.frequency++
    entry.lastUse = ++this.tick
  }

  private evict(key: number): void {
    const entry = this.entries.get(key)!
    if (this.expired(entry)) this.counters.expirations++
    else this.counters.evictions++
    this.remove(key)
  }

  private remove(key: number): void {
    this.bytes -= this.entries.get(key)!.bytes
    this.entries.delete(key)
  }

  private expired(entry: ReferenceEntry): boolean {
    return this.now() >= entry.expiresAt
  }
}
