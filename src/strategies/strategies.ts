import {InputError} from '../errors.js'
import type {ValueSizeGenerator} from '../generators/value-size.js'
import type {Clock} from '../time/clock.js'
import type {CacheTarget} from '../targets/cache-target.js'
import type {StrategyName, StrategySpec} from '../workload/types.js'
import {CacheOnlyStrategy} from './cache-only.js'
import {LazyLoadingStrategy} from './lazy-loading.js'
import {NoCacheStrategy} from './none.js'
import {createReadPath} from './read-path.js'
import {RefreshAheadStrategy} from './refresh-ahead.js'
import type {Strategy} from './strategy.js'
import type {TtlPolicy} from './ttl-policy.js'
import {WriteBehindStrategy} from './write-behind.js'
import {WriteThroughStrategy} from './write-through.js'

/** What a strategy may need besides its own options. */
export interface StrategyDeps {
  ttl: TtlPolicy
  /** Sizes of values a strategy makes up itself (cache-only and write-behind writes). */
  valueSizes: ValueSizeGenerator
  /** For background work (flushes, refreshes) and lease retries. */
  clock: Clock
  keyCount: number
}

type StrategyFactory = (spec: StrategySpec, deps: StrategyDeps) => Strategy

/** Adding a strategy: one file, one line here (and one in strategy-parts.ts). */
const FACTORIES: Record<StrategyName, StrategyFactory> = {
  none: () => new NoCacheStrategy(),
  'lazy-loading': (spec, {ttl}) => new LazyLoadingStrategy(createReadPath(spec, ttl), spec.invalidateOnWrite),
  'write-through': (spec, {ttl}) => new WriteThroughStrategy(createReadPath(spec, ttl), ttl),
  'cache-only': (_spec, {ttl, valueSizes}) => new CacheOnlyStrategy(ttl, () => valueSizes.next()),
  'write-behind': (spec, {ttl, clock, valueSizes}) =>
    new WriteBehindStrategy(createReadPath(spec, ttl), ttl, clock, spec.flushDelayMs, () => valueSizes.next()),
  'refresh-ahead': (spec, {ttl, clock, keyCount}) => new RefreshAheadStrategy(spec, ttl, clock, keyCount),
}

export function createStrategy(spec: StrategySpec, deps: StrategyDeps): Strategy {
  return FACTORIES[spec.name](spec, deps)
}

/** Refuses, before anything runs, a strategy option the target cannot carry out. */
export function checkStrategyOnTarget(spec: StrategySpec, target: CacheTarget): void {
  if (spec.lease && !target.leases) {
    throw new InputError(
      `strategy.lease needs a target with leases, which only builtin:// has for now (target is ${target.kind}); use singleFlight: true instead.`,
    )
  }
}
