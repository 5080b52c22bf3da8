import type {EventAction} from '../workload/types.js'
import type {EventEffect, TargetControl} from './target-control.js'

export interface FlushingTarget {
  /** `memcached`, `redis`: how the target is named in messages. */
  scheme: string
  /** The server command that empties a node: `flush_all`, `FLUSHALL`. */
  flushCommand: string
  /** --allow-flush: without it no flush is ever sent. */
  allowFlush: boolean
  nodeNames(): readonly string[]
  holds(node: number): (key: number) => boolean
  flushNode(node: number): Promise<void>
  /** Promotes a replica, where the target has one. */
  failover?(): Promise<EventEffect>
  /** Why there is no failover here (a missing replica…), when failover is undefined. */
  noFailover?: string
}

/**
 * Events on real servers: a failed node is one emptied by a flush (or by the user's command),
 * the whole cache is emptied by flushing every node. A flush deletes other people's keys too, so
 * it is refused without --allow-flush. The pool keeps its size: resizing a real pool during a
 * run is left to builtin://?nodes=N.
 */
export function flushingControl(target: FlushingTarget): TargetControl {
  const refusal = (action: EventAction, byCommand: boolean): string | null => {
    switch (action) {
      case 'scale-out':
      case 'scale-in':
        return `${target.scheme}:// pools keep their size during a run for now; ${action} runs on a built-in pool, builtin://?nodes=N`
      case 'failover':
        return target.failover ? null : (target.noFailover ?? `${target.scheme}:// has no replica to fail over to`)
      case 'node-failure':
        if (byCommand || target.allowFlush) return null
        return `it would send ${target.flushCommand} to the node, deleting every key on it and not only this run's, so it needs --allow-flush; or give the event a command: that fails the node`
      case 'flush':
        return target.allowFlush ? null : `it would send ${target.flushCommand} to every node, deleting every key and not only this run's, so it needs --allow-flush`
    }
  }
  return {
    nodeNames: target.nodeNames,
    get maxNodes() {
      return target.nodeNames().length
    },
    refusal,
    holds: target.holds,
    perform: async (action, node) => {
      const names = target.nodeNames()
      if (action === 'node-failure') {
        await target.flushNode(node)
        return {nodeName: names[node], nodes: names.length}
      }
      if (action === 'flush') {
        await Promise.all(names.map((_, index) => target.flushNode(index)))
        return {nodes: names.length}
      }
      if (action === 'failover' && target.failover) return target.failover()
      throw new Error(refusal(action, false) ?? `${target.scheme}:// cannot ${action}`)
    },
  }
}
