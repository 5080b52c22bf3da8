import {z} from 'zod'
import {choice, size, wholeNumber} from '../fields.js'
import {latencyField} from '../latency-field.js'
import {EVICTION_POLICY_NAMES, type CacheSpec} from '../types.js'

/**
 * Without a modelled network hop, simulated time stands still whenever the origin is not called
 * (every hit takes 0 ms), so throughput, TTL expiry and staleness ages read 0. A cache is a
 * network round trip away from the application: 200 µs is the low end of what clients measure
 * against a cache node in their own availability zone (same-AZ ElastiCache GETs are commonly
 * reported at 0.2–0.4 ms), and what the bundled workloads assume.
 */
export const DEFAULT_CACHE_LATENCY = '200us'

export const cacheSection: z.ZodType<CacheSpec, unknown> = z
  .strictObject({
    maxItems: wholeNumber(1, 'Most items the builtin cache holds; unbounded when absent.').nullable().optional(),
    capacity: size({description: 'Most bytes the builtin cache holds, per-item overhead included; unbounded when absent.'}).nullable().optional(),
    eviction: choice(EVICTION_POLICY_NAMES, 'Which item the builtin cache evicts when full.').prefault('lru'),
    latency: latencyField('Modelled latency of one builtin cache command (e.g. a network hop).').prefault(DEFAULT_CACHE_LATENCY),
  })
  .transform(
    ({maxItems, capacity, eviction, latency}): CacheSpec => ({
      maxItems: maxItems ?? null,
      capacityBytes: capacity ?? null,
      eviction,
      latency,
    }),
  )
  .meta({description: 'The builtin cache engine (ignored by real targets).'})
