import type {ServerNode} from './redis-connections.js'

interface Counts {
  evictions: number
  expirations: number
}

/** `evicted_keys` and `expired_keys` from an `INFO stats` reply. */
export function parseInfoStats(info: string): Counts {
  const field = (name: string): number => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0)
  return {evictions: field('evicted_keys'), expirations: field('expired_keys')}
}

/**
 * Server-wide eviction and expiry counters summed over nodes, as totals since the first poll.
 * A counter that went down means that server restarted from zero; its new value is then all
 * new. A node that cannot be asked keeps its last known contribution, so polling never fails.
 */
export class ServerCounters {
  private readonly last = new Map<string, Counts>()
  private readonly totals: Counts = {evictions: 0, expirations: 0}

  async poll(nodes: readonly ServerNode[]): Promise<Counts> {
    await Promise.all(nodes.map((node) => this.pollNode(node)))
    return {...this.totals}
  }

  private async pollNode(node: ServerNode): Promise<void> {
    let now: Counts
    try {
      now = parseInfoStats(await node.info('stats'))
    } catch {
      return
    }
    const before = this.last.get(node.name)
    this.last.set(node.name, now)
    if (before === undefined) return
    this.totals.evictions += increase(before.evictions, now.evictions)
    this.totals.expirations += increase(before.expirations, now.expirations)
  }
}

function increase(before: number, now: number): number {
  return now >= before ? now - before : now
}
