import {z} from 'zod'
import {choice, size, wholeNumber} from '../fields.js'
import {latencyField} from '../latency-field.js'
import {DEFAULT_EVICTION, ENGINE_EVICTION_NAMES, MODEL_EVICTIONS, MODEL_NAMES, type CacheSpec} from '../types.js'

/**
 * Without a modelled network hop, simulated time stands still whenever the origin is not called
 * (every hit takes 0 ms), so throughput, TTL expiry and staleness ages read 0. A cache is a
 * network round trip away from the application: 200 µs is the low end of what clients measure
 * against a cache node in their own availability zone (same-AZ ElastiCache GETs are commonly
 * reported at 0.2–0.4 ms), and what the bundled workloads assume.
 */
export const DEFAULT_CACHE_LATENCY = '200us'

/** Why an item limit does not apply to a model of a real node: the node holds what its memory holds. */
export function itemLimitOfModel(model: string, sizeWith: string): string {
  return `applies to the ideal model only: a ${model} node holds as many items as its memory does; size it with ${sizeWith}`
}

export const cacheSection: z.ZodType<CacheSpec, unknown> = z
  .strictObject({
    model: choice(MODEL_NAMES, 'What the builtin cache stands for: ideal (exact policies), or a memcached or redis node at equal memory.').prefault('ideal'),
    maxItems: wholeNumber(1, 'Most items the builtin cache holds; unbounded when absent.').nullable().optional(),
    capacity: size({
      description: 'Most bytes the builtin cache holds: per-item overhead included (ideal), memcached -m (memcached, 64MiB when absent), redis maxmemory (redis).',
    })
      .nullable()
      .optional(),
    eviction: choice(ENGINE_EVICTION_NAMES, 'Which item the builtin cache evicts when full; each model accepts its own (ideal: lru, lfu, fifo, sieve, s3-fifo, 2q, arc, w-tinylfu; memcached: segmented-lru; redis: maxmemory-policy names).').optional(),
    latency: latencyField('Modelled latency of one builtin cache command (e.g. a network hop).').prefault(DEFAULT_CACHE_LATENCY),
  })
  .superRefine((cache, ctx) => {
    const accepted: readonly string[] = MODEL_EVICTIONS[cache.model]
    if (cache.eviction !== undefined && !accepted.includes(cache.eviction)) {
      ctx.addIssue({
        code: 'custom',
        input: cache.eviction,
        path: ['eviction'],
        message: `"${cache.eviction}" is not an eviction of model ${cache.model}; it accepts ${accepted.join(', ')}`,
      })
    }
    if (cache.model !== 'ideal' && cache.maxItems != null) {
      ctx.addIssue({code: 'custom', input: cache.maxItems, path: ['maxItems'], message: itemLimitOfModel(cache.model, 'cache.capacity')})
    }
  })
  .transform(
    ({model, maxItems, capacity, eviction, latency}): CacheSpec => ({
      model,
      maxItems: maxItems ?? null,
      capacityBytes: capacity ?? null,
      eviction: eviction ?? DEFAULT_EVICTION[model],
      latency,
    }),
  )
  .meta({description: 'The builtin cache engine (ignored by real targets).'})
