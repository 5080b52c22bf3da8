import type {Writable} from 'node:stream'
import {Cluster, Redis} from 'ioredis'
import type {TargetOptions} from '../target-options.js'
import {clusterOptions, redisConnectionOptions} from './client-options.js'
import {ClusterNodeGuard} from './cluster-node-guard.js'
import type {CommandChannel, RedisClient} from './command-channel.js'
import {keySlot} from './key-slot.js'
import type {RedisEndpoint} from './redis-endpoint.js'

export type {RedisClient} from './command-channel.js'

/**
 * The clients of one target — `options.connections` of them — and what differs between one
 * server and a cluster: which sockets a pipelined batch corks, whether commands need a guard
 * against a down node, where server counters come from, and how keys are deleted.
 */
export interface RedisConnections {
  readonly clients: readonly RedisClient[]
  /** Resolves when every client is ready; rejects with the most telling error seen. */
  connect(): Promise<void>
  /** The sockets client `index` writes to: one, or one per cluster primary. */
  streams(index: number): Writable[]
  /** Client `index`'s commands as the target sends them: as they are, or guarded against down cluster nodes. */
  guard(index: number, channel: CommandChannel): CommandChannel
  /** Single-server connections whose INFO counters add up to the target's. */
  infoNodes(): Redis[]
  /** UNLINKs the keys; resolves to how many existed. */
  unlink(keys: string[]): Promise<number>
  /** Drops every connection at once and stops reconnecting; never waits on a server. */
  close(): void
}

/** Follows a client's error events, so a failed connect can say why and nothing is logged unasked. */
class ErrorLog {
  last: unknown = undefined
  readonly record = (error: unknown): void => {
    this.last = error
  }
}

async function connectAll(clients: readonly RedisClient[], errors: ErrorLog): Promise<void> {
  try {
    await Promise.all(clients.map((client) => client.connect()))
  } catch (error) {
    // ioredis rejects with "Connection is closed."; the cause came in an error event.
    throw errors.last ?? error
  }
}

export function singleServerConnections(endpoint: RedisEndpoint, options: TargetOptions): RedisConnections {
  const errors = new ErrorLog()
  const {host, port} = endpoint.hosts[0]
  const clients = Array.from({length: options.connections}, () => {
    const client = new Redis({...redisConnectionOptions(endpoint, options), host, port})
    client.on('error', errors.record)
    return client
  })
  return {
    clients,
    connect: () => connectAll(clients, errors),
    streams: (index) => [clients[index].stream],
    guard: (_, channel) => channel,
    infoNodes: () => [clients[0]],
    unlink: (keys) => clients[0].unlink(...keys),
    close: () => {
      for (const client of clients) client.disconnect()
    },
  }
}

/**
 * Resolves once one startup node accepts a plain connection (and the credentials); otherwise
 * rejects with the first node's error. The cluster client discovers slots on connections whose
 * errors it swallows, leaving only "Connection is closed." to report; this says why.
 */
async function probeStartupNodes(endpoint: RedisEndpoint, options: TargetOptions): Promise<void> {
  const probes = endpoint.hosts.map(({host, port}) => {
    const errors = new ErrorLog()
    const probe = new Redis({...redisConnectionOptions(endpoint, options), host, port, retryStrategy: () => null})
    probe.on('error', errors.record)
    return connectAll([probe], errors).finally(() => probe.disconnect())
  })
  try {
    await Promise.any(probes)
  } catch (error) {
    throw (error as AggregateError).errors[0]
  }
}

export function clusterConnections(endpoint: RedisEndpoint, options: TargetOptions): RedisConnections {
  const errors = new ErrorLog()
  const clients = Array.from({length: options.connections}, () => {
    const cluster = new Cluster(endpoint.hosts, clusterOptions(endpoint, options))
    cluster.on('error', errors.record)
    cluster.on('node error', errors.record)
    return cluster
  })
  return {
    clients,
    connect: async () => {
      await probeStartupNodes(endpoint, options)
      await connectAll(clients, errors)
      // Node connections open lazily, and a burst of commands to a node still opening its
      // connection fails with "Connection is closed."; open them all before the load starts.
      await Promise.all(clients.flatMap((cluster) => cluster.nodes('master').map((node) => node.ping())))
    },
    // A node's connection opens on its first command; until then it has no socket to cork.
    streams: (index) => clients[index].nodes('master').flatMap((node) => (node.stream ? [node.stream] : [])),
    guard: (index, channel) => new ClusterNodeGuard(channel, clients[index]),
    infoNodes: () => clients[0].nodes('master'),
    unlink: async (keys) => {
      const bySlot = new Map<number, string[]>()
      for (const key of keys) {
        const slot = keySlot(key)
        const group = bySlot.get(slot)
        if (group) group.push(key)
        else bySlot.set(slot, [key])
      }
      // Every slot's keys are tried, so a node that is down keeps only its own share.
      const outcomes = await Promise.allSettled([...bySlot.values()].map((group) => clients[0].unlink(...group)))
      const failed = outcomes.find((outcome) => outcome.status === 'rejected')
      if (failed) throw failed.reason
      return outcomes.reduce((sum, outcome) => sum + (outcome.status === 'fulfilled' ? outcome.value : 0), 0)
    },
    close: () => {
      for (const cluster of clients) cluster.disconnect()
    },
  }
}
