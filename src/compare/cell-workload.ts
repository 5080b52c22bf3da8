import {z} from 'zod'
import {InputError} from '../errors.js'
import {describeFirstIssue, fallbackWording} from '../workload/messages.js'
import {strategyUsesCache} from '../strategies/strategy-parts.js'
import {strategySection} from '../workload/sections/strategy.js'
import type {StrategySpec, Workload} from '../workload/types.js'
import type {Cell, StrategyChoice} from './matrix.js'

/**
 * The workload a cell runs: the file's, with the cell's strategy, mix and TTL. A strategy value
 * says everything about protection and invalidation (`lazy-loading` alone means neither), so the
 * cell's label is exactly what ran; TTL, jitter, flush delay, refresh point and lease timings
 * still come from the file. The cell's strategy goes through the workload schema's strategy
 * section, so its defaults and rules are the ones a workload file gets. A strategy that never
 * touches the cache (none) runs with no TTL whatever the cell's label says: its TTL cells are
 * one and the same run, which runComparison then runs once.
 */
export function cellWorkload(base: Workload, cell: Cell, describe: (cell: Cell) => string): Workload {
  const form = cell.strategy ? cellStrategyForm(cell.strategy, base.strategy) : strategyForm(base.strategy)
  if (cell.ttl) form.ttl = cell.ttl.ttlMs ?? 'none'
  if (!strategyUsesCache(String(form.name))) Object.assign(form, {ttl: 'none', ttlJitter: 0})
  return {
    ...base,
    name: `${base.name} [${describe(cell)}]`,
    mix: cell.mix ? {...cell.mix.mix} : base.mix,
    strategy: parseStrategy(form, describe(cell)),
  }
}

type StrategyForm = Record<string, unknown>

/** A resolved strategy written back as the `strategy:` mapping of a workload file (durations in ms). */
function strategyForm(spec: StrategySpec): StrategyForm {
  return {
    name: spec.name,
    ttl: spec.ttlMs ?? 'none',
    ttlJitter: spec.ttlJitter,
    invalidateOnWrite: spec.invalidateOnWrite,
    singleFlight: spec.singleFlight,
    ...(spec.name === 'write-behind' ? {flushDelay: spec.flushDelayMs} : {}),
    ...(spec.name === 'refresh-ahead' ? {refreshAt: spec.refreshAt} : {}),
    ...(spec.lease ? {lease: {retryAfter: spec.lease.retryAfterMs, timeout: spec.lease.timeoutMs}} : {}),
  }
}

/** The cell's strategy and options, with the file's TTL, jitter and timings. */
function cellStrategyForm(choice: StrategyChoice, file: StrategySpec): StrategyForm {
  const {variants} = choice
  const withLease = variants.includes('lease')
  return {
    ...strategyForm({...file, name: choice.name, invalidateOnWrite: variants.includes('invalidateOnWrite'), singleFlight: variants.includes('singleFlight'), lease: null}),
    ...(withLease ? {lease: file.lease ? {retryAfter: file.lease.retryAfterMs, timeout: file.lease.timeoutMs} : true} : {}),
  }
}

/** Wrapped so that messages name the field as a workload file would: `strategy.lease`. */
const cellSchema = z.object({strategy: strategySection})

function parseStrategy(form: StrategyForm, label: string): StrategySpec {
  const parsed = cellSchema.safeParse({strategy: form}, {error: fallbackWording})
  if (!parsed.success) throw new InputError(describeFirstIssue(parsed.error.issues, () => `compare cell "${label}"`))
  return parsed.data.strategy
}
