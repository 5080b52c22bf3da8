import {CacheEngine} from '../engine/cache-engine.js'
import {LeaseTable} from '../engine/lease-table.js'
import {createLatencyModel, type LatencyModel} from '../generators/latency-model.js'
import {createRandom, Stream} from '../generators/random.js'
import type {Clock} from '../time/clock.js'
import type {CacheSpec} from '../workload/types.js'
import {BuiltinStructures} from './builtin-structures.js'
import {BuiltinLeases} from './builtin-leases.js'
import type {CacheSettings} from '../metrics/result.js'
import type {CachedValue, CacheTarget, LeaseGetAnswer, SimulatedCache, TargetStats} from './cache-target.js'
import {singleEngineControl} from './builtin-control.js'
import type {SimulatedStructureCommands} from './structure-target.js'
import type {TargetControl} from './target-control.js'

/** The in-process engine, with an optional modelled command latency (e.g. a network hop). */
export class BuiltinTarget implements CacheTarget, SimulatedCache {
  readonly kind = 'builtin'
  readonly engine: CacheEngine
  /** Sorted sets, hashes and capped lists, beside the key-value engine (not counted in its items or bytes). */
  readonly structures: BuiltinStructures
  readonly leases: BuiltinLeases
  readonly evictionControl: CacheSettings
  private readonly leaseTable: LeaseTable
  private readonly latency: LatencyModel | null

  constructor(
    readonly displayUrl: string,
    spec: CacheSpec,
    private readonly clock: Clock,
    seed: number,
    leaseTimeoutMs = 1000,
    /** createRandom's `worker` for the cache latency's draws (see ownStream). */
    latencyDraws = 0,
  ) {
    this.evictionControl = {model: spec.model, eviction: spec.eviction, maxItems: spec.maxItems, capacityBytes: spec.capacityBytes}
    this.engine = new CacheEngine({
      maxItems: spec.maxItems,
      capacityBytes: spec.capacityBytes,
      eviction: spec.eviction,
      model: spec.model,
      seed,
      now: () => clock.now(),
    })
    const zeroLatency = spec.latency.distribution === 'fixed' && spec.latency.ms === 0
    this.latency = zeroLatency ? null : createLatencyModel(spec.latency, createRandom(seed, Stream.cacheLatency, latencyDraws))
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

  get simulated(): SimulatedCache {
    return this
  }

  get structuresNow(): SimulatedStructureCommands {
    return this.structures.now
  }

  async get(key: number): Promise<CachedValue | null> {
    if (this.latency) await this.clock.sleep(this.latency.sample())
    return this.getNow(key, {version: 0, committedAt: 0, size: 0})
  }

  async set(key: number, value: CachedValue, ttlMs: number | null): Promise<void> {
    if (this.latency) await this.clock.sleep(this.latency.sample())
    this.setNow(key, value, ttlMs)
  }

  async delete(key: number): Promise<void> {
    if (this.latency) await this.clock.sleep(this.latency.sample())
    this.deleteNow(key)
  }

  commandLatency(): number {
    return this.latency ? this.latency.sample() : 0
  }

  getNow(key: number, into: CachedValue): CachedValue | null {
    const slot = this.engine.lookup(key)
    if (slot < 0) return null
    into.version = this.engine.version(slot)
    into.committedAt = this.engine.committedAt(slot)
    into.size = this.engine.size(slot)
    return into
  }

  setNow(key: number, value: CachedValue, ttlMs: number | null): void {
    this.engine.set(key, value.version, value.committedAt, value.size, ttlMs)
    this.leaseTable.void(key)
  }

  deleteNow(key: number): void {
    this.engine.delete(key)
    this.leaseTable.void(key)
  }

  leaseGetNow(key: number): LeaseGetAnswer {
    return this.leases.getNow(key)
  }

  leaseSetNow(key: number, value: CachedValue, ttlMs: number | null, token: number): boolean {
    return this.leases.setNow(key, value, ttlMs, token)
  }

  watchDepartures(listener: (key: number) => void): {reportExpired(): void} {
    this.engine.onDeparture = listener
    return {reportExpired: () => this.engine.forEachExpired(listener)}
  }

  /** One node: a failure or a flush empties it. */
  readonly control: TargetControl = singleEngineControl('builtin', () => {
    const entries = this.engine.items
    this.failNode()
    return entries
  })

  /** The node is replaced by an empty one: every entry and every outstanding lease is gone. */
  failNode(): void {
    this.engine.clear()
    this.leaseTable.clear()
  }

  async stats(): Promise<TargetStats> {
    return this.statsNow()
  }

  /** The counters as `stats` reports them, read at once (a pool's node leaving mid-event). */
  statsNow(): TargetStats {
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
