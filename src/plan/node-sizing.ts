import {keyName} from '../engine/item-size.js'
import {ConsistentHashRing} from '../targets/consistent-hash.js'
import {formatSize} from '../workload/units.js'
import type {Catalog, NodeType} from './catalog.js'

export type NodeEngine = 'redis' | 'memcached'

/** AWS bills node-hours; its monthly figures assume 730 hours a month (8,760 a year / 12). */
export const HOURS_PER_MONTH = 730
/** Keys placed on the ring to measure each node's share: enough for shares to ±1%. */
const SHARE_SAMPLE_KEYS = 20_000

/**
 * Memory a node gives the cache: Redis `maxmemory` is the node's memory less the reserved
 * percentage; Memcached's `-m` is the node's memory less the connections overhead.
 */
export function usableBytes(node: NodeType, engine: NodeEngine, catalog: Catalog): number {
  if (engine === 'redis') return Math.floor(node.memoryBytes * (1 - catalog.redisReservedMemoryPercent / 100))
  return Math.max(0, node.memoryBytes - catalog.memcachedConnectionsOverheadBytes)
}

/** The engine's name in a sentence: "Redis", "Memcached". */
export function engineName(engine: NodeEngine): string {
  return engine === 'redis' ? 'Redis' : 'Memcached'
}

/** How usableBytes takes the memory for data from a node's, in words: "node memory − 25% reserved-memory-percent". */
export function usableMemoryRule(engine: NodeEngine, catalog: Catalog): string {
  return engine === 'redis'
    ? `node memory − ${catalog.redisReservedMemoryPercent}% reserved-memory-percent`
    : `node memory − ${formatSize(catalog.memcachedConnectionsOverheadBytes)} memcached_connections_overhead`
}

/**
 * Each node's share of the keys on a consistent-hash ring of `nodes` nodes (the ketama scheme of
 * src/targets/consistent-hash.ts), measured by placing the workload's key names on it.
 */
export function ringShares(nodes: number, keyCount: number, without?: number): number[] {
  const names = Array.from({length: nodes}, (_, index) => `node-${index + 1}:11211`)
  const ring = new ConsistentHashRing(without === undefined ? names : names.filter((_, index) => index !== without))
  const counts = new Array<number>(ring.size).fill(0)
  const sampled = Math.min(keyCount, SHARE_SAMPLE_KEYS)
  const stride = keyCount / sampled
  for (let i = 0; i < sampled; i++) counts[ring.nodeFor(keyName(Math.floor(i * stride)))]++
  return counts.map((count) => count / sampled)
}

/**
 * Hit ratio of a pool whose node i holds share s_i of the keys in `perNodeBytes`: keys are
 * spread by hash, so node i behaves as the whole cache would with perNodeBytes / s_i, on a
 * fraction s_i of the reads. `hitAt` is the curve's hit ratio at a total cache size.
 */
export function poolHitRatio(shares: number[], perNodeBytes: number, hitAt: (bytes: number) => number): number {
  return shares.reduce((sum, share) => (share > 0 ? sum + share * hitAt(perNodeBytes / share) : sum), 0)
}

/** The hit ratio with the node of largest share failed (its keys move to the others, which start cold for them and settle). */
export function hitRatioWithOneNodeFailed(nodes: number, keyCount: number, perNodeBytes: number, hitAt: (bytes: number) => number): number {
  if (nodes <= 1) return 0
  const shares = ringShares(nodes, keyCount)
  const largest = shares.indexOf(Math.max(...shares))
  return poolHitRatio(ringShares(nodes, keyCount, largest), perNodeBytes, hitAt)
}
