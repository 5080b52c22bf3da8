import type {StrategyName, StrategySpec} from '../workload/types.js'
import {LazyLoadingStrategy} from './lazy-loading.js'
import {NoCacheStrategy} from './none.js'
import type {Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'
import {WriteThroughStrategy} from './write-through.js'

type StrategyFactory = (spec: StrategySpec, ttl: TtlPolicy) => Strategy

/** Adding a strategy: one file, one line here. */
const FACTORIES: Record<StrategyName, StrategyFactory> = {
  none: () => new NoCacheStrategy(),
  'lazy-loading': (spec, ttl) => new LazyLoadingStrategy(ttl, spec.invalidateOnWrite),
  'write-through': (_spec, ttl) => new WriteThroughStrategy(ttl),
}

export function createStrategy(spec: StrategySpec, ttl: TtlPolicy): Strategy {
  return FACTORIES[spec.name](spec, ttl)
}
