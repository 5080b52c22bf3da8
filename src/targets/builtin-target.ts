import {CacheEngine} from '../engine/cache-engine.js'
import {InputError} from '../errors.js'
import {createLatencyModel, type LatencyModel} from '../generators/latency-model.js'
import {createRandom, Stream} from '../generators/random.js'
import type {Clock} from '../runner/clock.js'
import {parseSize} from '../workload/units.js'
import {EVICTION_POLICY_NAMES, type CacheSpec, type EvictionPolicyName} from '../workload/types.js'
import type {CachedValue, CacheTarget, TargetStats} from './cache-target.js'
import type {TargetContext} from './target-registry.js'
import type {TargetUrl} from './target-url.js'

/** The in-process engine, with an optional modelled command latency (e.g. a network hop). */
export class BuiltinTarget implements CacheTarget {
  readonly kind = 'builtin'
  readonly engine: CacheEngine
  private readonly latency: LatencyModel | null

  constructor(
    readonly displayUrl: string,
    spec: CacheSpec,
    private readonly clock: Clock,
    seed: number,
  ) {
    this.engine = new CacheEngine({
      maxItems: spec.maxItems,
      capacityBytes: spec.capacityBytes,
      eviction: spec.eviction,
      now: () => clock.now(),
    })
    const zeroLatency = spec.latency.distribution === 'fixed' && spec.latency.ms === 0
    this.latency = zeroLatency ? null : createLatencyModel(spec.latency, createRandom(seed, Stream.cacheLatency))
  }

  async connect(): Promise<void> {}

  async get(key: number): Promise<CachedValue | null> {
    if (this.latency) await this.clock.sleep(this.latency.sample())
    const slot = this.engine.lookup(key)
    if (slot < 0) return null
    return {version: this.engine.version(slot), committedAt: this.engine.committedAt(slot), size: this.engine.size(slot)}
  }

  async set(key: number, value: CachedValue, ttlMs: number | null): Promise<void> {
    if (this.latency) await this.clock.sleep(this.latency.sample())
    this.engine.set(key, value.version, value.committedAt, value.size, ttlMs)
  }

  async delete(key: number): Promise<void> {
    if (this.latency) await this.clock.sleep(this.latency.sample())
    this.engine.delete(key)
  }

  async stats(): Promise<TargetStats> {
    const {evictions, expirations} = this.engine.counters
    return {evictions, expirations, items: this.engine.items, bytes: this.engine.bytes}
  }

  /** The engine dies with the process; nothing outlives the run. */
  async cleanup(): Promise<number> {
    return 0
  }

  async close(): Promise<void> {}
}

const BUILTIN_PARAMS = ['maxItems', 'capacity', 'eviction'] as const

/** `builtin://?maxItems=10000&capacity=64MiB&eviction=lfu` overrides the workload's `cache:` section. */
export function createBuiltinTarget(url: TargetUrl, context: TargetContext): BuiltinTarget {
  const spec: CacheSpec = {...context.workload.cache}
  for (const [name, value] of url.params) {
    if (name === 'maxItems') {
      const items = Number(value)
      if (!Number.isInteger(items) || items < 1) throw new InputError(`builtin://?maxItems must be a whole number ≥ 1 (got "${value}").`)
      spec.maxItems = items
    } else if (name === 'capacity') {
      spec.capacityBytes = parseSize(value, 'builtin://?capacity')
      if (spec.capacityBytes < 1) throw new InputError(`builtin://?capacity must be at least 1B (got "${value}").`)
    } else if (name === 'eviction') {
      if (!(EVICTION_POLICY_NAMES as readonly string[]).includes(value)) {
        throw new InputError(`builtin://?eviction must be one of ${EVICTION_POLICY_NAMES.join(', ')} (got "${value}").`)
      }
      spec.eviction = value as EvictionPolicyName
    } else {
      throw new InputError(`builtin:// has no parameter "${name}"; use ${BUILTIN_PARAMS.join(', ')}.`)
    }
  }
  if (url.hosts.length > 0) throw new InputError(`builtin:// takes no host (got "${url.url}").`)
  return new BuiltinTarget(url.url, spec, context.clock, context.workload.seed)
}
