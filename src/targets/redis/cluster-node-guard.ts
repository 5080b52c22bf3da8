import type {Cluster, Redis} from 'ioredis'
import {CacheCommandError} from '../command-error.js'
import type {CommandChannel} from './command-channel.js'
import {toCommandError} from './command-errors.js'
import {keySlot} from './key-slot.js'

/** Statuses in which a node connection is down and waiting to retry. */
const DOWN = new Set(['reconnecting', 'close', 'end'])

/**
 * Fails a command at once when the connection to the node serving its key is down. ioredis
 * always gives cluster node connections an offline queue, so without this a command for a dead
 * node would wait for the next reconnect attempt, and a run with one node gone would crawl.
 */
export class ClusterNodeGuard implements CommandChannel {
  private readonly nodes = new Map<string, Redis>()

  constructor(
    private readonly inner: CommandChannel,
    private readonly cluster: Cluster,
  ) {
    cluster.on('+node', (node: Redis) => this.nodes.set(nodeKey(node), node))
    cluster.on('-node', (node: Redis) => {
      if (this.nodes.get(nodeKey(node)) === node) this.nodes.delete(nodeKey(node))
    })
  }

  get(key: string): Promise<Buffer | null> {
    return this.refusal(key) ?? this.named(this.inner.get(key), key)
  }

  set(key: string, value: Buffer, ttlMs: number | null): Promise<unknown> {
    return this.refusal(key) ?? this.named(this.inner.set(key, value, ttlMs), key)
  }

  del(key: string): Promise<unknown> {
    return this.refusal(key) ?? this.named(this.inner.del(key), key)
  }

  /** A failure names the node that serves the key: "Command timed out" alone leaves the reader to guess which. */
  private named<T>(reply: Promise<T>, key: string): Promise<T> {
    return reply.catch((error: unknown) => {
      throw onClusterNode(error, this.cluster, keySlot(key))
    })
  }

  private refusal(key: string): Promise<never> | null {
    const owner = this.cluster.slots[keySlot(key)]?.[0]
    const node = owner === undefined ? undefined : this.nodes.get(owner)
    if (node === undefined || !DOWN.has(node.status)) return null
    return Promise.reject(new CacheCommandError('connection', `not connected to the cluster node ${owner} (reconnecting)`))
  }
}

/** A command's error as the run counts it, with the node serving `slot` named, when the slot map knows it. */
export function onClusterNode(error: unknown, cluster: Cluster, slot: number): CacheCommandError {
  const counted = toCommandError(error)
  const owner = cluster.slots[slot]?.[0]
  if (owner === undefined || counted.message.includes(owner)) return counted
  return new CacheCommandError(counted.kind, `${counted.message.replace(/\.$/, '')} (cluster node ${owner})`)
}

function nodeKey(node: Redis): string {
  return `${node.options.host}:${node.options.port}`
}
