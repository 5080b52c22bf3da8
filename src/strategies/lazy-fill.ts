import type {Steps} from './strategy.js'

/** Deletes remove the record and then invalidate the cache, whatever the strategy. */
export async function deleteAndInvalidate(key: number, steps: Steps): Promise<void> {
  await steps.originDelete(key)
  await steps.cacheDelete(key)
}
