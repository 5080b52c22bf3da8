import {InputError} from '../errors.js'
import type {ErrorLimitOutcome, LatencyName, Result} from './result.js'

/**
 * Above this share of failed cache commands a run is marked failed (exit 4): its hit ratio and
 * latencies describe a broken cache, not the workload. 1% tolerates the odd timeout of a busy
 * server while catching a dead one.
 */
export const DEFAULT_MAX_ERROR_RATIO = 0.01

/** Commands the target executes: their latency is recorded only when they succeed. */
const CACHE_COMMANDS: readonly LatencyName[] = [
  'cache.get', 'cache.set', 'cache.delete', 'zincrby', 'zrevrange', 'zrank', 'hset', 'hgetall', 'expire', 'lpush', 'lrange',
]

/** The result with its error limit checked: an `errorLimit` record and, when exceeded, a warning saying so. */
export function withErrorLimit(result: Result, maxRatio: number): Result {
  const failed = result.summary.errors
  // A messaging run's commands are its publishes: the ones that succeeded are counted as published.
  const published = result.summary.messaging?.published ?? 0
  const succeeded = CACHE_COMMANDS.reduce((sum, name) => sum + (result.latencyMs[name]?.count ?? 0), published)
  const commands = succeeded + failed
  const ratio = commands === 0 ? 0 : failed / commands
  const errorLimit: ErrorLimitOutcome = {commands, failed, ratio, maxRatio, exceeded: ratio > maxRatio}
  if (!errorLimit.exceeded) return {...result, errorLimit}
  return {...result, errorLimit, warnings: [errorLimitSentence(errorLimit), ...result.warnings]}
}

export function errorLimitSentence(limit: ErrorLimitOutcome): string {
  return (
    `${limit.failed.toLocaleString('en-US')} of ${limit.commands.toLocaleString('en-US')} cache commands failed (${errorRatioPercent(limit.ratio)}), ` +
    `above the limit of ${errorRatioPercent(limit.maxRatio)} (--max-error-ratio): the figures describe a failing cache, not the workload.`
  )
}

/** A ratio of failed commands as a percentage to three digits: `50%`, `62.2%`, `7%`. */
export function errorRatioPercent(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(3))}%`
}

/** `--max-error-ratio`: a fraction in [0, 1] or a percentage, `0.05` or `5%`. */
export function parseMaxErrorRatio(text: string): number {
  const trimmed = text.trim()
  const percent = trimmed.endsWith('%')
  const value = Number(percent ? trimmed.slice(0, -1) : trimmed)
  const ratio = percent ? value / 100 : value
  if (trimmed === '' || trimmed === '%' || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new InputError(`--max-error-ratio must be a fraction between 0 and 1 or a percentage, e.g. 0.05 or 5% (got "${text}").`)
  }
  return ratio
}
