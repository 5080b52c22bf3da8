import {IMPLAUSIBLE_LATENCY_MS, IMPLAUSIBLE_TTL_MS} from './limits.js'
import type {LatencySpec, Workload} from './types.js'
import {formatDuration} from './units.js'

/** The typical call of a latency model: its fixed value, the middle of its range, or its median. */
function typicalMs(spec: LatencySpec): number {
  switch (spec.distribution) {
    case 'fixed':
      return spec.ms
    case 'uniform':
      return (spec.minMs + spec.maxMs) / 2
    case 'lognormal':
      return spec.medianMs
  }
}

/**
 * Modelled latencies and TTLs that are valid but rarely meant — `5m` typed for `5ms`, `ttl: 10`
 * for ten seconds — so `validate` and the run's report say so instead of simulating them without
 * a word.
 */
export function implausibleSettings(workload: Workload): string[] {
  const models: [string, LatencySpec | null][] = [
    ['origin.latency', workload.origin.latency],
    ['origin.writeLatency', workload.origin.writeLatency],
    ['cache.latency', workload.cache.latency],
  ]
  const latencies = models.flatMap(([field, spec]) => {
    if (spec === null || typicalMs(spec) < IMPLAUSIBLE_LATENCY_MS) return []
    return [`${field} models ${formatDuration(typicalMs(spec))} per call, which is implausible for a cache or database (was ms meant?); simulated time grows with it.`]
  })
  // The other slip of units: a bare number is milliseconds, while a cache's TTLs are usually given in seconds.
  const ttlMs = workload.strategy.ttlMs
  const ttl =
    ttlMs !== null && ttlMs < IMPLAUSIBLE_TTL_MS
      ? [`strategy.ttl is ${formatDuration(ttlMs)}, which is implausible for a cache (a bare number is milliseconds: was ${formatDuration(ttlMs * 1000)} meant?); entries expire almost as soon as they are set.`]
      : []
  return [...latencies, ...ttl]
}
