import type {ValueSizeGenerator} from '../generators/value-size.js'
import type {StrategyName, StrategySpec} from '../workload/types.js'
import {CacheOnlyStrategy} from './cache-only.js'
import {LazyLoadingStrategy} from './lazy-loading.js'
import {NoCacheStrategy} from './none.js'
import type {Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'
import {WriteThroughStrategy} from './write-through.js'

/** What a strategy may need besides its own options. */
export interface StrategyDeps {
  ttl: TtlPolicy
  /** Sizes of values a strategy makes up itself (cache-only writes). */
  valueSizes: ValueSizeGenerator
}

type StrategyFactory = (spec: StrategySpec, deps: StrategyDeps) => Strategy

/** Adding a strategy: one file, one line here. */
const FACTORIES: Record<StrategyName, StrategyFactory> = {
  none: () => new NoCacheStrategy(),
  'lazy-loading': (spec, {ttl}) => new LazyLoadingStrategy(ttl, spec.invalidateOnWrite),
  'write-through': (_spec, {ttl}) => new WriteThroughStrategy(ttl),
  'cache-only': (_spec, {ttl, valueSizes}) => new CacheOnlyStrategy(ttl, () => valueSizes.next()),
}

export function createStrategy(spec: StrategySpec, deps: StrategyDeps): Strategy {
  return FACTORIES[spec.name](spec, deps)
}
