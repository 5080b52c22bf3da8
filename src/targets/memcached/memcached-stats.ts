import type {TargetStats} from '../cache-target.js'

/** The figures cache-bench reads from one node's `stats` reply. */
export interface NodeStats {
  /** Identifies the server process: a changed pid means the node was restarted, counters from 0. */
  pid: string
  evictions: number
  expirations: number
  items: number
  bytes: number
}

/**
 * memcached removes an expired item in one of three places, each counted once: a get that finds
 * it expired (`get_expired`), the allocator reusing its memory from the LRU tail (`reclaimed`),
 * and the background LRU crawler (`crawler_reclaimed`). Their sum is the builtin engine's
 * `expirations`. `evictions` counts live items removed to make room, as the engine's does.
 * Items and bytes: `curr_items` and `bytes` (memory used by items, including memcached's own
 * per-item header), as read; NodeCounters reports their growth since connect.
 */
export function parseNodeStats(stats: Record<string, string>): NodeStats {
  const count = (name: string): number => {
    const value = Number(stats[name] ?? 0)
    return Number.isFinite(value) ? value : 0
  }
  return {
    pid: stats.pid ?? '',
    evictions: count('evictions'),
    expirations: count('get_expired') + count('reclaimed') + count('crawler_reclaimed'),
    items: count('curr_items'),
    bytes: count('bytes'),
  }
}

/**
 * One node's eviction and expiration counters since the target connected. A node that was
 * restarted (new pid) starts its counters again at zero; what its previous process counted is
 * kept, so totals never go backwards. A node that cannot answer keeps its last known counts.
 */
export class NodeCounters {
  private baseline: NodeStats
  private carried = {evictions: 0, expirations: 0}
  private last: NodeStats

  constructor(atConnect: NodeStats) {
    this.baseline = atConnect
    this.last = atConnect
  }

  update(now: NodeStats): void {
    if (now.pid !== this.baseline.pid) {
      this.carried = {
        evictions: this.carried.evictions + this.last.evictions - this.baseline.evictions,
        expirations: this.carried.expirations + this.last.expirations - this.baseline.expirations,
      }
      // A restarted node lost everything, its items as well as its counts.
      this.baseline = {...now, evictions: 0, expirations: 0, items: 0, bytes: 0}
    }
    this.last = now
  }

  get evictions(): number {
    return this.carried.evictions + this.last.evictions - this.baseline.evictions
  }

  get expirations(): number {
    return this.carried.expirations + this.last.expirations - this.baseline.expirations
  }

  /**
   * Items the node gained since connect: the run's own where nothing else writes there, and
   * without the keys it already held (a server's count is everyone's). Fewer than at connect
   * (someone else's keys evicted or deleted) cannot be told apart from the run's: unknown.
   */
  get items(): number | null {
    return growth(this.last.items, this.baseline.items)
  }

  /** Bytes of item memory gained since connect, as `items`. */
  get bytes(): number | null {
    return growth(this.last.bytes, this.baseline.bytes)
  }
}

function growth(now: number, atConnect: number): number | null {
  return now >= atConnect ? now - atConnect : null
}

/** Sums nodes; items and bytes are unknown (null) when any node could not answer this time, or cannot tell. */
export function sumNodeCounters(nodes: Array<{counters: NodeCounters; answered: boolean}>): TargetStats {
  const allAnswered = nodes.every((node) => node.answered)
  let evictions = 0
  let expirations = 0
  let items: number | null = allAnswered ? 0 : null
  let bytes: number | null = allAnswered ? 0 : null
  for (const {counters} of nodes) {
    evictions += counters.evictions
    expirations += counters.expirations
    items = items === null || counters.items === null ? null : items + counters.items
    bytes = bytes === null || counters.bytes === null ? null : bytes + counters.bytes
  }
  return {evictions, expirations, items, bytes}
}
