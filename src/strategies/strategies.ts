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

/** Adding a strategy: one file, one line here (and one in PARTS below). */
const FACTORIES: Record<StrategyName, StrategyFactory> = {
  none: () => new NoCacheStrategy(),
  'lazy-loading': (spec, {ttl}) => new LazyLoadingStrategy(createReadPath(spec, ttl), spec.invalidateOnWrite),
  'write-through': (spec, {ttl}) => new WriteThroughStrategy(createReadPath(spec, ttl), ttl),
  'cache-only': (_spec, {ttl, valueSizes}) => new CacheOnlyStrategy(ttl, () => valueSizes.next()),
  'write-behind': (spec, {ttl, clock, valueSizes}) =>
    new WriteBehindStrategy(createReadPath(spec, ttl), ttl, clock, spec.flushDelayMs, () => valueSizes.next()),
  'refresh-ahead': (spec, {ttl, clock, keyCount}) => new RefreshAheadStrategy(spec, ttl, clock, keyCount),
}

/**
 * What each strategy sends commands to. `none` never touches the cache, `cache-only` never the
 * origin: figures of the part a strategy leaves out (hit ratio without a cache; offload,
 * staleness and origin reads without an origin) are not comparable with the others'.
 */
const PARTS: Record<StrategyName, {cache: boolean; origin: boolean}> = {
  none: {cache: false, origin: true},
  'lazy-loading': {cache: true, origin: true},
  'write-through': {cache: true, origin: true},
  'cache-only': {cache: true, origin: false},
  'write-behind': {cache: true, origin: true},
  'refresh-ahead': {cache: true, origin: true},
}

/** Whether the strategy a result names uses the cache (a name this version does not know: yes). */
export function strategyUsesCache(name: string): boolean {
  return (PARTS as Record<string, {cache: boolean} | undefined>)[name]?.cache ?? true
}

/** Whether the strategy a result names uses the origin (a name this version does not know: yes). */
export function strategyUsesOrigin(name: string): boolean {
  return (PARTS as Record<string, {origin: boolean} | undefined>)[name]?.origin ?? true
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
