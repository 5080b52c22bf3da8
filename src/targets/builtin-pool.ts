import {keyName} from '../engine/item-size.js'
import {grownFloat64, grownLength, grownUint16} from '../engine/typed-array-growth.js'
import {createLatencyModel, type LatencyModel} from '../generators/latency-model.js'
import {createRandom, Stream} from '../generators/random.js'
import type {Clock} from '../time/clock.js'
import type {CacheSpec, EventAction} from '../workload/types.js'
import {BuiltinTarget} from './builtin-target.js'
import type {CacheSettings} from '../metrics/result.js'
import type {CachedValue, CacheLeases, CacheTarget, LeaseGetAnswer, SimulatedCache, TargetStats} from './cache-target.js'
import {ConsistentHashRing, keyPosition} from './consistent-hash.js'
import {builtinRefusal} from './builtin-control.js'
import type {EventEffect, TargetControl} from './target-control.js'

const NO_LATENCY = {distribution: 'fixed', ms: 0} as const

interface PoolNode {
  name: string
  target: BuiltinTarget
}

/**
 * `builtin://?nodes=N`: N built-in engines behind the ketama ring memcached pools use, so a node
 * failure, a scale-out or a scale-in moves and loses exactly the keys it would on a real pool.
 * The cache's maxItems / capacity are split evenly (rounded down) between the starting nodes, and
 * a node that joins gets the same share, as a real node brings its own memory. The modelled
 * command latency applies once per command, whichever node answers.
 */
export class BuiltinPool implements CacheTarget, SimulatedCache {
  readonly kind = 'builtin'
  readonly leases: CacheLeases
  readonly control: TargetControl
  readonly evictionControl: CacheSettings
  private nodes: PoolNode[]
  private ring: ConsistentHashRing
  /** Node index + 1 per key id, filled on first use and cleared when the ring changes. */
  private placement: Uint16Array
  /** Ring position + 1 per key id, filled on first use: kept when the ring changes, so re-placing every key costs no hashing. */
  private positions: Float64Array
  private nextNodeId: number
  /** Counters of nodes that left the pool, so the pool's totals never go backwards. */
  private readonly retired = {evictions: 0, expirations: 0}
  private readonly latency: LatencyModel | null
  private readonly nodeSpec: CacheSpec
  private departures: ((key: number) => void) | null = null

  constructor(
    readonly displayUrl: string,
    spec: CacheSpec,
    nodeCount: number,
    private keyCount: number,
    private readonly clock: Clock,
    private readonly seed: number,
    private readonly leaseTimeoutMs?: number,
    /** createRandom's `worker` for the cache latency's draws (see ownStream). */
    latencyDraws = 0,
  ) {
    this.evictionControl = {model: spec.model, eviction: spec.eviction, maxItems: spec.maxItems, capacityBytes: spec.capacityBytes, nodes: nodeCount}
    const share = (total: number | null) => (total === null ? null : Math.max(1, Math.floor(total / nodeCount)))
    this.nodeSpec = {...spec, maxItems: share(spec.maxItems), capacityBytes: share(spec.capacityBytes), latency: NO_LATENCY}
    const zeroLatency = spec.latency.distribution === 'fixed' && spec.latency.ms === 0
    this.latency = zeroLatency ? null : createLatencyModel(spec.latency, createRandom(seed, Stream.cacheLatency, latencyDraws))
    this.nodes = Array.from({length: nodeCount}, (_, id) => this.newNode(id))
    this.nextNodeId = nodeCount
    this.ring = new ConsistentHashRing(this.nodes.map((node) => node.name))
    this.placement = new Uint16Array(keyCount)
    this.positions = new Float64Array(keyCount)
    this.leases = {
      get: async (key): Promise<LeaseGetAnswer> => {
        await this.latencyWait()
        return this.nodeOf(key).leases.get(key)
      },
      set: async (key, value, ttlMs, token): Promise<boolean> => {
        await this.latencyWait()
        return this.nodeOf(key).leases.set(key, value, ttlMs, token)
      },
    }
    this.control = {
      nodeNames: () => this.nodes.map((node) => node.name),
      maxNodes: Number.POSITIVE_INFINITY,
      refusal: (action, byCommand) => builtinRefusal(action, byCommand, true),
      holds: (node) => (key) => this.nodeIndexOf(key) === node,
      perform: async (action, node) => this.performNow(action, node),
      performNow: (action, node) => this.performNow(action, node),
    }
  }

  async connect(): Promise<void> {}

  async get(key: number): Promise<CachedValue | null> {
    await this.latencyWait()
    return this.nodeOf(key).get(key)
  }

  async set(key: number, value: CachedValue, ttlMs: number | null): Promise<void> {
    await this.latencyWait()
    await this.nodeOf(key).set(key, value, ttlMs)
  }

  async delete(key: number): Promise<void> {
    await this.latencyWait()
    await this.nodeOf(key).delete(key)
  }

  get simulated(): SimulatedCache {
    return this
  }

  commandLatency(): number {
    return this.latency ? this.latency.sample() : 0
  }

  // The node is chosen when the command arrives, as the async commands above do after their latency.

  getNow(key: number, into: CachedValue): CachedValue | null {
    return this.nodeOf(key).getNow(key, into)
  }

  setNow(key: number, value: CachedValue, ttlMs: number | null): void {
    this.nodeOf(key).setNow(key, value, ttlMs)
  }

  deleteNow(key: number): void {
    this.nodeOf(key).deleteNow(key)
  }

  leaseGetNow(key: number): LeaseGetAnswer {
    return this.nodeOf(key).leaseGetNow(key)
  }

  leaseSetNow(key: number, value: CachedValue, ttlMs: number | null, token: number): boolean {
    return this.nodeOf(key).leaseSetNow(key, value, ttlMs, token)
  }

  async stats(): Promise<TargetStats> {
    const total = {evictions: this.retired.evictions, expirations: this.retired.expirations, items: 0, bytes: 0}
    // Every node's counters are read now, together, so the figures are one moment's.
    for (const {evictions, expirations, items, bytes} of await Promise.all(this.nodes.map(({target}) => target.stats()))) {
      total.evictions += evictions
      total.expirations += expirations
      total.items += items ?? 0
      total.bytes += bytes ?? 0
    }
    return total
  }

  /** Every node, those that join later included, reports to `listener`. */
  watchDepartures(listener: (key: number) => void): {reportExpired(): void} {
    this.departures = listener
    for (const {target} of this.nodes) target.watchDepartures(listener)
    return {reportExpired: () => this.nodes.forEach(({target}) => target.engine.forEachExpired(listener))}
  }

  /** Index of the node holding `key` now. */
  nodeIndexOf(key: number): number {
    let slot = this.placement[key]
    if (slot === 0) {
      let position = this.positions[key]
      if (position === 0) {
        position = keyPosition(keyName(key)) + 1
        this.positions[key] = position
      }
      slot = this.ring.nodeAt(position - 1) + 1
      this.placement[key] = slot
    }
    return slot - 1
  }

  get nodeCount(): number {
    return this.nodes.length
  }

  async cleanup(): Promise<number> {
    return 0
  }

  async close(): Promise<void> {}

  /** Every action takes effect at once: the nodes live in this process, on the run's clock. */
  private performNow(action: EventAction, node: number): EventEffect {
    switch (action) {
      case 'node-failure': {
        const failed = this.nodes[node]
        const entriesLost = failed.target.engine.items
        failed.target.failNode()
        return {nodeName: failed.name, nodes: this.nodes.length, details: {entriesLost}}
      }
      case 'scale-out': {
        const joined = this.newNode(this.nextNodeId++)
        const remapped = this.changeRing(this.ring.withNode(joined.name), [...this.nodes, joined])
        return {nodeName: joined.name, nodes: this.nodes.length, details: {keysRemapped: remapped}}
      }
      case 'scale-in': {
        const leaving = this.nodes[node]
        const {evictions, expirations} = leaving.target.statsNow()
        this.retired.evictions += evictions
        this.retired.expirations += expirations
        const entriesLost = leaving.target.engine.items
        const remapped = this.changeRing(
          this.ring.withoutNode(leaving.name),
          this.nodes.filter((other) => other !== leaving),
        )
        return {nodeName: leaving.name, nodes: this.nodes.length, details: {entriesLost, keysRemapped: remapped}}
      }
      case 'flush': {
        let entriesLost = 0
        for (const {target} of this.nodes) {
          entriesLost += target.engine.items
          target.failNode()
        }
        return {nodes: this.nodes.length, details: {entriesLost}}
      }
      default:
        throw new Error(`a built-in pool cannot ${action}`)
    }
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    if (count <= this.keyCount) return
    if (count > this.placement.length) {
      const length = grownLength(this.placement.length, count)
      this.placement = grownUint16(this.placement, length)
      this.positions = grownFloat64(this.positions, length, 0)
    }
    this.keyCount = count
  }

  /**
   * Switches to `ring` served by `nodes`; returns the share of the keyspace that now lives on
   * another node. Every key is placed under both rings, which also leaves the placement warm.
   */
  private changeRing(ring: ConsistentHashRing, nodes: PoolNode[]): number {
    const before = this.nodes.map((node) => node.name)
    const oldNames = new Uint16Array(this.keyCount)
    for (let key = 0; key < this.keyCount; key++) oldNames[key] = this.nodeIndexOf(key)
    this.ring = ring
    this.nodes = nodes
    this.placement.fill(0)
    const nameIndex = new Map(nodes.map((node, index) => [node.name, index]))
    let moved = 0
    for (let key = 0; key < this.keyCount; key++) {
      if (nameIndex.get(before[oldNames[key]]) !== this.nodeIndexOf(key)) moved++
    }
    return this.keyCount === 0 ? 0 : moved / this.keyCount
  }

  private newNode(id: number): PoolNode {
    const name = `node-${id}`
    const target = new BuiltinTarget(name, this.nodeSpec, this.clock, this.seed, this.leaseTimeoutMs)
    if (this.departures) target.watchDepartures(this.departures)
    return {name, target}
  }

  private nodeOf(key: number): BuiltinTarget {
    return this.nodes[this.nodeIndexOf(key)].target
  }

  private latencyWait(): Promise<void> | undefined {
    return this.latency ? this.clock.sleep(this.latency.sample()) : undefined
  }
}
