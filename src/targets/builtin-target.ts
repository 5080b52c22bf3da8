import {CacheEngine} from '../engine/cache-engine.js'
import {LeaseTable} from '../engine/lease-table.js'
import {InputError} from '../errors.js'
import {createLatencyModel, type LatencyModel} from '../generators/latency-model.js'
import {createRandom, Stream} from '../generators/random.js'
import type {Clock} from '../runner/clock.js'
import {parseSize} from '../workload/units.js'
import {EVICTION_POLICY_NAMES, type CacheSpec, type EvictionPolicyName} from '../workload/types.js'
import {BuiltinStructures} from './builtin-structures.js'
import {BuiltinLeases} from './builtin-leases.js'
import type {CachedValue, CacheTarget, TargetStats} from './cache-target.js'
import type {TargetContext} from './target-registry.js'
import type {TargetUrl} from './target-url.js'

/** The in-process engine, with an optional modelled command latency (e.g. a network hop). */
export class BuiltinTarget implements CacheTarget {
  readonly kind = 'builtin'
  readonly engine: CacheEngine
  /** Sorted sets, hashes and capped lists, beside the key-value engine (not counted in its items or bytes). */
  readonly structures: BuiltinStructures
  readonly leases: BuiltinLeases
  private readonly leaseTable: LeaseTable
  private readonly latency: LatencyModel | null

  constructor(
    readonly displayUrl: string,
    spec: CacheSpec,
    private readonly clock: Clock,
    seed: number,
    leaseTimeoutMs = 1000,
  ) {
    this.engine = new CacheEngine({
      maxItems: spec.maxItems,
      capacityBytes: spec.capacityBytes,
      eviction: spec.eviction,
      now: () => clock.now(),
    })
    const zeroLatency = spec.latency.distribution === 'fixed' && spec.latency.ms === 0
    this.latency = zeroLatency ? null : createLatencyModel(spec.latency, createRandom(seed, Stream.cacheLatency))
    this.structures = new BuiltinStructures(
      () => clock.now(),
      () => (this.latency ? this.clock.sleep(this.latency.sample()) : undefined),
    )
    this.leaseTable = new LeaseTable(leaseTimeoutMs, () => clock.now())
    this.leases = new BuiltinLeases(this.engine, this.leaseTable, () =>
      this.latency ? this.clock.sleep(this.latency.sample()) : undefined,
    )
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
    this.leaseTable.void(key)
  }

  async delete(key: number): Promise<void> {
    if (this.latency) await this.clock.sleep(this.latency.sample())
    this.engine.delete(key)
    this.leaseTable.void(key)
  }

  /** The node is replaced by an empty one: every entry and every outstanding lease is gone. */
  async failNode(): Promise<void> {
    this.engine.clear()
    this.leaseTable.clear()
  }

  async stats(): Promise<TargetStats> {
    const {evictions, expirations} = this.engine.counters
    // Expired hashes count too, as a Redis server's expired_keys does.
    return {evictions, expirations: expirations + this.structures.hashes.expirations, items: this.engine.items, bytes: this.engine.bytes}
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
  return new BuiltinTarget(url.url, spec, context.clock, context.workload.seed, context.workload.strategy.lease?.timeoutMs)
}
