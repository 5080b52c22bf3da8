import {z} from 'zod'
import {boundedNumber, choice, crossFieldIssue, duration, flag} from '../fields.js'
import {STRATEGY_NAMES, type StrategyName, type StrategySpec} from '../types.js'

/** Other names people know a strategy by; resolved to the canonical name on load. */
const STRATEGY_ALIASES = {'cache-aside': 'lazy-loading'} as const satisfies Record<string, StrategyName>

const ACCEPTED_NAMES = [...STRATEGY_NAMES, ...(Object.keys(STRATEGY_ALIASES) as (keyof typeof STRATEGY_ALIASES)[])] as const

const strategyName = choice(ACCEPTED_NAMES, 'How the application uses the cache and the origin (cache-aside is another name for lazy-loading).')

const TTL_REQUIREMENT = 'must be a positive duration such as 5m, or none for no expiry'

const ttl = z
  .union([z.literal('none'), z.null(), duration({positive: true, requirement: TTL_REQUIREMENT, description: 'Time to live.'})], {
    error: TTL_REQUIREMENT,
  })
  .meta({description: 'Time to live of cache entries; absent, null or "none" for no expiry.'})

const strategyObject = z.strictObject({
  name: strategyName.prefault('lazy-loading'),
  ttl: ttl.optional(),
  ttlJitter: boundedNumber({min: 0, max: 1, maxExclusive: true}, 'Each TTL is drawn uniformly from ttl × [1 − ttlJitter, 1 + ttlJitter].').prefault(0),
  invalidateOnWrite: flag('lazy-loading only: a write also deletes the cache entry.').prefault(false),
})

function canonicalName(name: (typeof ACCEPTED_NAMES)[number]): StrategyName {
  return name in STRATEGY_ALIASES ? STRATEGY_ALIASES[name as keyof typeof STRATEGY_ALIASES] : (name as StrategyName)
}

function toStrategySpec(form: z.output<typeof strategyName> | z.output<typeof strategyObject>): StrategySpec {
  if (typeof form === 'string') return {name: canonicalName(form), ttlMs: null, ttlJitter: 0, invalidateOnWrite: false}
  return {
    name: canonicalName(form.name),
    ttlMs: typeof form.ttl === 'number' ? form.ttl : null,
    ttlJitter: form.ttlJitter,
    invalidateOnWrite: form.invalidateOnWrite,
  }
}

export const strategySection: z.ZodType<StrategySpec, unknown> = z
  .union([strategyName, strategyObject], {
    error: 'must be a strategy name such as lazy-loading, or a mapping with name, ttl, ttlJitter and invalidateOnWrite',
  })
  .transform(toStrategySpec)
  .check((ctx) => {
    if (ctx.value.invalidateOnWrite && ctx.value.name !== 'lazy-loading') {
      ctx.issues.push(crossFieldIssue(ctx.value, 'invalidateOnWrite', `applies only to lazy-loading (strategy is ${ctx.value.name})`))
    }
  })
  .meta({description: 'Caching strategy; a bare name is shorthand for {name: …}.'})
