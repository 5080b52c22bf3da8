import type {Random} from '../generators/random.js'
import type {StrategySpec} from '../workload/types.js'

/** The TTL for each cache set: none, fixed, or spread by jitter so entries written together do not expire together. */
export interface TtlPolicy {
  next(): number | null
}

export function createTtlPolicy(spec: Pick<StrategySpec, 'ttlMs' | 'ttlJitter'>, random: Random): TtlPolicy {
  const {ttlMs, ttlJitter} = spec
  if (ttlMs === null) return {next: () => null}
  if (ttlJitter === 0) return {next: () => ttlMs}
  return {next: () => ttlMs * (1 - ttlJitter + 2 * ttlJitter * random.next())}
}
