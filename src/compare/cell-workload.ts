import {defaultStrategySpec, STRATEGY_OPTION_DEFAULTS} from '../workload/sections/strategy.js'
import type {StrategySpec, Workload} from '../workload/types.js'
import type {Cell, StrategyChoice} from './matrix.js'

/**
 * The workload a cell runs: the file's, with the cell's strategy, mix and TTL. A strategy value
 * says everything about protection and invalidation (`lazy-loading` alone means neither), so the
 * cell's label is exactly what ran; TTL, jitter, flush delay, refresh point and lease timings
 * still come from the file.
 */
export function cellWorkload(base: Workload, cell: Cell, describe: (cell: Cell) => string): Workload {
  let strategy = cell.strategy ? strategyFor(cell.strategy, base.strategy) : base.strategy
  if (cell.ttl) strategy = {...strategy, ttlMs: cell.ttl.ttlMs}
  return {
    ...base,
    name: `${base.name} [${describe(cell)}]`,
    mix: cell.mix ? {...cell.mix.mix} : base.mix,
    strategy,
  }
}

function strategyFor(choice: StrategyChoice, file: StrategySpec): StrategySpec {
  const {variants} = choice
  return {
    ...defaultStrategySpec(choice.name),
    ttlMs: file.ttlMs,
    ttlJitter: file.ttlJitter,
    flushDelayMs: file.flushDelayMs,
    refreshAt: file.refreshAt,
    invalidateOnWrite: variants.includes('invalidateOnWrite'),
    singleFlight: variants.includes('singleFlight'),
    lease: variants.includes('lease')
      ? (file.lease ?? {retryAfterMs: STRATEGY_OPTION_DEFAULTS.leaseRetryAfterMs, timeoutMs: STRATEGY_OPTION_DEFAULTS.leaseTimeoutMs})
      : null,
  }
}
