import type {Clock} from '../runner/clock.js'
import type {CachedValue} from '../targets/cache-target.js'
import type {StrategySpec} from '../workload/types.js'
import type {ReadAnswer, Steps} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/** The read of every lazily filling strategy: answer from the cache, or read the origin and fill. */
export type ReadPath = (key: number, steps: Steps) => Promise<ReadAnswer>

/** What a strategy built on the read path wants to hear about (refresh-ahead tracks expiry). */
export interface ReadPathHooks {
  hit?(key: number, steps: Steps): void
  /** The cache now holds a value for key set with this TTL. */
  filled?(key: number, ttlMs: number | null): void
}

/**
 * The plain read path, or one protected against stampedes: `singleFlight` shares one origin
 * read among this process's concurrent misses on a key; `lease` lets the cache pick one filler
 * per key and voids the lease on a write, which also stops stale sets.
 */
export function createReadPath(spec: StrategySpec, ttl: TtlPolicy, clock: Clock, hooks: ReadPathHooks = {}): ReadPath {
  if (spec.lease) return leasedRead(ttl, clock, spec.lease.retryAfterMs, hooks)
  if (spec.singleFlight) return singleFlightRead(ttl, hooks)
  return plainRead(ttl, hooks)
}

function plainRead(ttl: TtlPolicy, hooks: ReadPathHooks): ReadPath {
  return async (key, steps) => {
    const cached = await steps.cacheGet(key)
    if (cached !== null) {
      hooks.hit?.(key, steps)
      return {value: cached, fromCache: true}
    }
    const value = await steps.originRead(key)
    await fill(key, value, steps, ttl, hooks)
    return {value, fromCache: false}
  }
}

function singleFlightRead(ttl: TtlPolicy, hooks: ReadPathHooks): ReadPath {
  const loading = new Map<number, Promise<CachedValue>>()
  return async (key, steps) => {
    const cached = await steps.cacheGet(key)
    if (cached !== null) {
      hooks.hit?.(key, steps)
      return {value: cached, fromCache: true}
    }
    const shared = loading.get(key)
    if (shared !== undefined) return {value: await shared, fromCache: false}
    const load = steps.originRead(key)
    // The key stays claimed until the fill lands, or a miss in between would read the origin again.
    loading.set(key, load)
    try {
      const value = await load
      await fill(key, value, steps, ttl, hooks)
      return {value, fromCache: false}
    } finally {
      loading.delete(key)
    }
  }
}

function leasedRead(ttl: TtlPolicy, clock: Clock, retryAfterMs: number, hooks: ReadPathHooks): ReadPath {
  return async (key, steps) => {
    // Ends: the holder fills the key, a write voids its lease, or the lease lapses — and each
    // retry lets time pass.
    for (;;) {
      const answer = await steps.cacheLeaseGet(key)
      if (answer.kind === 'hit') {
        hooks.hit?.(key, steps)
        return {value: answer.value, fromCache: true}
      }
      if (answer.kind === 'lease') {
        const value = await steps.originRead(key)
        const ttlMs = ttl.next()
        if (await steps.cacheLeaseSet(key, value, ttlMs, answer.token)) hooks.filled?.(key, ttlMs)
        return {value, fromCache: false}
      }
      await clock.sleep(retryAfterMs)
    }
  }
}

async function fill(key: number, value: CachedValue, steps: Steps, ttl: TtlPolicy, hooks: ReadPathHooks): Promise<void> {
  const ttlMs = ttl.next()
  await steps.cacheSet(key, value, ttlMs)
  hooks.filled?.(key, ttlMs)
}
