import {z} from 'zod'
import {choice, size, wholeNumber} from '../fields.js'
import {latencyField} from '../latency-field.js'
import {EVICTION_POLICY_NAMES, type CacheSpec} from '../types.js'

export const cacheSection: z.ZodType<CacheSpec, unknown> = z
  .strictObject({
    maxItems: wholeNumber(1, 'Most items the builtin cache holds; unbounded when absent.').nullable().optional(),
    capacity: size({description: 'Most bytes the builtin cache holds, per-item overhead included; unbounded when absent.'}).nullable().optional(),
    eviction: choice(EVICTION_POLICY_NAMES, 'Which item the builtin cache evicts when full.').prefault('lru'),
    latency: latencyField('Modelled latency of one builtin cache command (e.g. a network hop).').prefault(0),
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
