import type {StrategyName} from '../workload/types.js'

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
