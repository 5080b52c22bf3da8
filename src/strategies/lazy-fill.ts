import type {ReadAnswer, Steps} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'

/**
 * The read path shared by every caching strategy: serve a hit from the cache; on a miss, read
 * the origin and fill the cache before answering.
 */
export async function readThroughCache(key: number, steps: Steps, ttl: TtlPolicy): Promise<ReadAnswer> {
  const cached = await steps.cacheGet(key)
  if (cached !== null) return {value: cached, fromCache: true}
  const value = await steps.originRead(key)
  await steps.cacheSet(key, value, ttl.next())
  return {value, fromCache: false}
}

/** Deletes remove the record and then invalidate the cache, whatever the strategy. */
export async function deleteAndInvalidate(key: number, steps: Steps): Promise<void> {
  await steps.originDelete(key)
  await steps.cacheDelete(key)
}
