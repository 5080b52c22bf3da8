import {z} from 'zod'
import {boundedNumber, choice, crossFieldIssue, duration, flag} from '../fields.js'
import {STRATEGY_NAMES, type LeaseSpec, type StrategyName, type StrategySpec} from '../types.js'

/** Other names people know a strategy by; resolved to the canonical name on load. */
export const STRATEGY_ALIASES = {'cache-aside': 'lazy-loading'} as const satisfies Record<string, StrategyName>

const ACCEPTED_NAMES = [...STRATEGY_NAMES, ...(Object.keys(STRATEGY_ALIASES) as (keyof typeof STRATEGY_ALIASES)[])] as const

const strategyName = choice(ACCEPTED_NAMES, 'How the application uses the cache and the origin (cache-aside is another name for lazy-loading).')

const TTL_REQUIREMENT = 'must be a positive duration such as 5m, or none for no expiry'

const ttl = z
  .union([z.literal('none'), z.null(), duration({positive: true, requirement: TTL_REQUIREMENT, description: 'Time to live.'})], {
    error: TTL_REQUIREMENT,
  })
  .meta({description: 'Time to live of cache entries; absent, null or "none" for no expiry.'})

/** Defaults of the options that belong to one strategy or to stampede protection. */
export const STRATEGY_OPTION_DEFAULTS = {flushDelayMs: 1000, refreshAt: 0.2, leaseRetryAfterMs: 5, leaseTimeoutMs: 1000} as const

/** Strategies that fill the cache lazily on a miss, and so can stampede the origin when a hot key expires. */
export const LAZILY_FILLING_STRATEGIES: readonly StrategyName[] = ['lazy-loading', 'write-through', 'write-behind', 'refresh-ahead']

const leaseObject = z.strictObject({
  retryAfter: duration({positive: true, description: 'How long a reader waits before asking again while another fills the key.'}).optional(),
  timeout: duration({positive: true, description: 'A lease nobody redeemed lapses after this long.'}).optional(),
})

const lease = z
  .union([z.boolean(), leaseObject], {error: 'must be true, false, or a mapping with retryAfter and timeout'})
  .meta({description: 'Memcached-style leases against stampedes: true, or {retryAfter, timeout}. Builtin target only.'})

const strategyObject = z.strictObject({
  name: strategyName.prefault('lazy-loading'),
  ttl: ttl.optional(),
  ttlJitter: boundedNumber({min: 0, max: 1, maxExclusive: true}, 'Each TTL is drawn uniformly from ttl × [1 − ttlJitter, 1 + ttlJitter].').prefault(0),
  invalidateOnWrite: flag('lazy-loading only: a write also deletes the cache entry.').prefault(false),
  flushDelay: duration({positive: true, description: 'write-behind only: how long a write waits in the cache before it is written to the origin.'}).optional(),
  refreshAt: boundedNumber({min: 0, max: 1, minExclusive: true, maxExclusive: true}, 'refresh-ahead only: a hit with less than this fraction of its TTL left refreshes the entry in the background.').optional(),
  singleFlight: flag('Concurrent misses on one key share one origin read.').prefault(false),
  lease: lease.optional(),
})

function canonicalName(name: (typeof ACCEPTED_NAMES)[number]): StrategyName {
  return name in STRATEGY_ALIASES ? STRATEGY_ALIASES[name as keyof typeof STRATEGY_ALIASES] : (name as StrategyName)
}

/** The options a bare strategy name stands for. */
export function defaultStrategySpec(name: StrategyName): StrategySpec {
  return {
    name,
    ttlMs: null,
    ttlJitter: 0,
    invalidateOnWrite: false,
    flushDelayMs: STRATEGY_OPTION_DEFAULTS.flushDelayMs,
    refreshAt: STRATEGY_OPTION_DEFAULTS.refreshAt,
    singleFlight: false,
    lease: null,
  }
}

function toLeaseSpec(form: z.output<typeof lease> | undefined): LeaseSpec | null {
  if (form === undefined || form === false) return null
  const given = form === true ? {} : form
  return {
    retryAfterMs: given.retryAfter ?? STRATEGY_OPTION_DEFAULTS.leaseRetryAfterMs,
    timeoutMs: given.timeout ?? STRATEGY_OPTION_DEFAULTS.leaseTimeoutMs,
  }
}

function toStrategySpec(form: z.output<typeof strategyName> | z.output<typeof strategyObject>): StrategySpec {
  if (typeof form === 'string') return defaultStrategySpec(canonicalName(form))
  return {
    ...defaultStrategySpec(canonicalName(form.name)),
    ttlMs: typeof form.ttl === 'number' ? form.ttl : null,
    ttlJitter: form.ttlJitter,
    invalidateOnWrite: form.invalidateOnWrite,
    flushDelayMs: form.flushDelay ?? STRATEGY_OPTION_DEFAULTS.flushDelayMs,
    refreshAt: form.refreshAt ?? STRATEGY_OPTION_DEFAULTS.refreshAt,
    singleFlight: form.singleFlight,
    lease: toLeaseSpec(form.lease),
  }
}

/** Options that belong to one strategy, refused elsewhere so a typo'd name does not silently ignore them. */
const OPTIONS_OF_ONE_STRATEGY = [
  {field: 'flushDelay', strategy: 'write-behind'},
  {field: 'refreshAt', strategy: 'refresh-ahead'},
] as const

function checkStrategyObject(ctx: z.core.ParsePayload<z.output<typeof strategyObject>>): void {
  const form = ctx.value
  const name = canonicalName(form.name)
  for (const {field, strategy} of OPTIONS_OF_ONE_STRATEGY) {
    if (form[field] !== undefined && name !== strategy) {
      ctx.issues.push(crossFieldIssue(form, field, `applies only to ${strategy} (strategy is ${name})`))
    }
  }
  const leases = form.lease !== undefined && form.lease !== false
  for (const [field, on] of [['singleFlight', form.singleFlight], ['lease', leases]] as const) {
    if (on && !LAZILY_FILLING_STRATEGIES.includes(name)) {
      ctx.issues.push(crossFieldIssue(form, field, `applies only to strategies that fill the cache on a miss (${LAZILY_FILLING_STRATEGIES.join(', ')}; strategy is ${name})`))
    }
  }
  if (form.singleFlight && leases) {
    ctx.issues.push(crossFieldIssue(form, 'lease', 'and singleFlight both prevent stampedes; choose one', ['singleFlight']))
  }
}

export const strategySection: z.ZodType<StrategySpec, unknown> = z
  .union([strategyName, strategyObject.check(checkStrategyObject)], {
    error: 'must be a strategy name such as lazy-loading, or a mapping with name, ttl, ttlJitter and the strategy\'s options',
  })
  .transform(toStrategySpec)
  .check((ctx) => {
    if (ctx.value.invalidateOnWrite && ctx.value.name !== 'lazy-loading') {
      ctx.issues.push(crossFieldIssue(ctx.value, 'invalidateOnWrite', `applies only to lazy-loading (strategy is ${ctx.value.name})`))
    }
  })
  .meta({description: 'Caching strategy; a bare name is shorthand for {name: …}.'})
