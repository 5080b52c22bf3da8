import type {CachedValue} from '../targets/cache-target.js'
import type {StrategyName} from '../workload/types.js'

/**
 * The application's building blocks: each call is one cache command or one origin query, and
 * the runner times and counts it. Strategies compose them and hold no measurement logic.
 */
export interface Steps {
  cacheGet(key: number): Promise<CachedValue | null>
  cacheSet(key: number, value: CachedValue, ttlMs: number | null): Promise<void>
  cacheDelete(key: number): Promise<void>
  originRead(key: number): Promise<CachedValue>
  originWrite(key: number): Promise<CachedValue>
  originDelete(key: number): Promise<CachedValue>
}

/** What a read handed back to the application (null: nothing, as a cache-only miss), and whether the cache answered it. */
export interface ReadAnswer {
  value: CachedValue | null
  fromCache: boolean
}

/** How the application uses cache and origin for each kind of operation (DESIGN §4). */
export interface Strategy {
  readonly name: StrategyName
  /** Whether the strategy uses the cache at all (`none` does not). */
  readonly usesCache: boolean
  read(key: number, steps: Steps): Promise<ReadAnswer>
  write(key: number, steps: Steps): Promise<void>
  delete(key: number, steps: Steps): Promise<void>
}
