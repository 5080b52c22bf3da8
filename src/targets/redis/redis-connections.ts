import type {Writable} from 'node:stream'
import {Cluster, Redis} from 'ioredis'
import type {TargetOptions} from '../target-options.js'
import {clusterOptions, redisConnectionOptions} from './client-options.js'
import {ClusterNodeGuard, onClusterNode} from './cluster-node-guard.js'
import {type CommandChannel, DirectChannel, PipelinedChannel, type RedisClient} from './command-channel.js'
import {keySlot} from './key-slot.js'
import type {RedisEndpoint} from './redis-endpoint.js'

export type {RedisClient} from './command-channel.js'

/** A server whose counters and keys can be asked for (INFO, SCAN), whichever client path talks to it. */
export interface ServerNode {
  /** `host:port` */
  readonly name: string
  info(section: string): Promise<string>
  /** One SCAN step: the next cursor ("0" when done) and the keys it found. */
  scan(cursor: string, pattern: string, count: number): Promise<[string, string[]]>
}

/** Statuses of a node connection that was asked to open and has not become ready. */
const OPENING = new Set(['connecting', 'connect'])

/** Which library speaks to the server: cache-bench's own RESP path, or ioredis. */
export type RedisClientPath = 'lean' | 'ioredis'

/**
 * The connections of one target — `options.connections` of them — and what differs between the
 * client paths and between one server and a cluster: how commands are sent (pipelined or not,
 * guarded against a down node), where server counters come from, and how keys are deleted.
 */
export interface RedisConnections {
  readonly client: RedisClientPath
  /** Resolves when every connection is ready; rejects with the most telling error seen. */
  connect(): Promise<void>
  /**
   * Nodes (`host:port`) that `connect` asked and that have not answered yet, where the path has
   * several: a connect that timed out names the node that held it up, not the URL's first host.
   */
  unansweredNodes?(): string[]
  /** One command channel per connection, sending up to `options.pipeline` commands per write. */
  channels(): CommandChannel[]
  /**
   * The channel whose replies are being handled right now, if the path tracks it: commands they
   * cause are sent back on it, so pipelined batches stay whole.
   */
  replyingChannel?(): CommandChannel | null
  /** ioredis clients for the data-structure commands; null where the path has none (lean). */
  readonly structureClients: readonly RedisClient[] | null
  /** Single-server nodes whose INFO counters add up to the target's. */
  infoNodes(): ServerNode[]
  /** FLUSHALL on the server (only ever called with --allow-flush). */
  flushAll(): Promise<void>
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

  /**
   * Records a client's errors. ioredis listens for its socket's first error only; a TLS socket
   * refused during the handshake (an untrusted certificate) then emits a second one, the server's
   * alert, which nothing would catch and which would end the process: the refused socket gets a
   * listener for what follows, its first error being the one reported.
   */
  watch(client: Redis): void {
    client.on('error', (error: unknown) => {
      this.record(error)
      const socket = client.stream
      if (socket && socket.listenerCount('error') === 0) socket.on('error', ignoreLaterSocketErrors)
    })
  }
}

function ignoreLaterSocketErrors(): void {}

function ioredisChannel(client: RedisClient, pipeline: number, streams: () => Writable[]): CommandChannel {
  return pipeline > 1 ? new PipelinedChannel(client, pipeline, streams) : new DirectChannel(client)
}

function nodeName(node: Redis): string {
  return `${node.options.host}:${node.options.port}`
}

function serverNode(node: Redis): ServerNode {
  return {
    name: nodeName(node),
    info: (section) => node.info(section),
    scan: (cursor, pattern, count) => node.scan(cursor, 'MATCH', pattern, 'COUNT', count),
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
    errors.watch(client)
    return client
  })
  return {
    client: 'ioredis',
    connect: async () => {
      await connectAll(clients, errors)
      // ioredis selects the database as it connects but only reports a refusal as an error event,
      // and goes on in database 0: asked again, the server's refusal fails the connection.
      if (endpoint.db !== 0) await clients[0].select(endpoint.db)
    },
    channels: () => clients.map((client) => ioredisChannel(client, options.pipeline, () => [client.stream])),
    structureClients: clients,
    infoNodes: () => [serverNode(clients[0])],
    flushAll: async () => {
      await clients[0].flushall()
    },
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
    errors.watch(probe)
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
  /** Pings sent to the nodes at connect and not yet answered, by node. */
  const unanswered = new Map<string, number>()
  const ping = async (node: Redis): Promise<void> => {
    const name = nodeName(node)
    unanswered.set(name, (unanswered.get(name) ?? 0) + 1)
    await node.ping()
    const left = (unanswered.get(name) ?? 1) - 1
    if (left === 0) unanswered.delete(name)
    else unanswered.set(name, left)
  }
  return {
    client: 'ioredis',
    connect: async () => {
      await probeStartupNodes(endpoint, options)
      await connectAll(clients, errors)
      // Node connections open lazily, and a burst of commands to a node still opening its
      // connection fails with "Connection is closed."; open them all before the load starts.
      await Promise.all(clients.flatMap((cluster) => cluster.nodes('master').map(ping)))
    },
    unansweredNodes: () => {
      // A node asked something (the cluster's ready check, a ping) whose connection opened but
      // never got ready, or whose ping is still out: a stopped process still completes TCP
      // handshakes from its listen backlog, so only the missing answer tells.
      const opening = clients.flatMap((cluster) => cluster.nodes('master').filter((node) => OPENING.has(node.status)).map(nodeName))
      return [...new Set([...opening, ...unanswered.keys()])].sort()
    },
    channels: () =>
      clients.map((cluster) => {
        // A node's connection opens on its first command; until then it has no socket to cork.
        const streams = () => cluster.nodes('master').flatMap((node) => (node.stream ? [node.stream] : []))
        return new ClusterNodeGuard(ioredisChannel(cluster, options.pipeline, streams), cluster)
      }),
    structureClients: clients,
    infoNodes: () => clients[0].nodes('master').map(serverNode),
    flushAll: async () => {
      await Promise.all(clients[0].nodes('master').map((node) => node.flushall()))
    },
    unlink: async (keys) => {
      const bySlot = new Map<number, string[]>()
      for (const key of keys) {
        const slot = keySlot(key)
        const group = bySlot.get(slot)
        if (group) group.push(key)
        else bySlot.set(slot, [key])
      }
      // Every slot's keys are tried, so a node that is down keeps only its own share.
      const groups = [...bySlot]
      const outcomes = await Promise.allSettled(groups.map(([, group]) => clients[0].unlink(...group)))
      const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected')
      if (failed >= 0) throw onClusterNode((outcomes[failed] as PromiseRejectedResult).reason, clients[0], groups[failed][0])
      return outcomes.reduce((sum, outcome) => sum + (outcome.status === 'fulfilled' ? outcome.value : 0), 0)
    },
    close: () => {
      for (const cluster of clients) cluster.disconnect()
    },
  }
}
