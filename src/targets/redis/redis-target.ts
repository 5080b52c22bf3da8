import type {CachedValue, CacheTarget, TargetStats} from '../cache-target.js'
import type {CallbackCommands} from '../callback-commands.js'
import {ConnectionRounds} from '../connection-rounds.js'
import {KeyBytes} from '../key-bytes.js'
import {KeyNames} from '../key-names.js'
import {StructureKeys, structureKeyCounts, type StructureCommands} from '../structure-target.js'
import type {TargetContext} from '../target-context.js'
import type {TargetUrl} from '../target-url.js'
import {decodeValue, decodeValueInPlace, encodeValue} from '../value-codec.js'
import {WrittenKeys} from '../written-keys.js'
import type {CommandChannel} from './command-channel.js'
import {rethrowAsCommandError} from './command-errors.js'
import {CONNECT_TIMED_OUT, connectFailure} from './connect-failure.js'
import {chooseClientPath} from './client-path.js'
import {leanConnections} from './lean/lean-connections.js'
import type {RedisClientPath, RedisConnections} from './redis-connections.js'
import type {TargetOptions} from '../target-options.js'
import {parseRedisEndpoint, type RedisEndpoint} from './redis-endpoint.js'
import {createRedisStructures} from './redis-structures.js'
import {ServerCounters} from './server-counters.js'
import type {ReplicaFailover} from './replica-failover.js'
import {SwitchWatch} from './switch-watch.js'
import {InputError} from '../../errors.js'
import type {EventEffect, TargetControl} from '../target-control.js'
import {flushingControl} from '../flushing-control.js'

/** Keys per UNLINK at cleanup: large enough to be quick, small enough not to stall the server. */
const CLEANUP_BATCH = 500

/** Keys examined per SCAN step when looking for keys already under the prefix. */
const SCAN_COUNT = 1000

const ignore = (): void => {}

/** SCAN MATCH patterns are globs: the prefix's own *, ?, [, ] and backslash must match literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`)
}

/**
 * One Redis server (on the lean path or ioredis) or a Redis Cluster (through ioredis). Commands go round-robin over
 * `connections` clients, pipelined when `pipeline` > 1. Items and bytes are not reported: a
 * server's key count and memory include keys that are not the run's.
 */
export class RedisTarget implements CacheTarget {
  readonly kind: 'redis' | 'redis-cluster'
  readonly displayUrl: string
  readonly client: RedisClientPath
  private channels: CommandChannel[]
  /** Bumped when the target switches servers: a reply tells which server it came from by it. */
  private generation = 0
  private watch: SwitchWatch | null = null
  readonly control?: TargetControl
  private readonly rounds: ConnectionRounds<CommandChannel>
  private readonly written: WrittenKeys
  private readonly counters = new ServerCounters()
  private readonly keyNames: KeyNames
  private readonly keyBytes: KeyBytes
  readonly structures?: StructureCommands
  readonly callbacks?: CallbackCommands
  private readonly structureKeys: StructureKeys

  constructor(
    private readonly endpoint: RedisEndpoint,
    private connections: RedisConnections,
    private readonly context: TargetContext,
    /** The replica to fail over to, for `?replica=host:port`; null without one. */
    private readonly failover: ReplicaFailover | null,
  ) {
    this.kind = endpoint.scheme === 'redis-cluster' ? 'redis-cluster' : 'redis'
    this.displayUrl = endpoint.displayUrl
    this.client = connections.client
    this.channels = connections.channels()
    this.rounds = new ConnectionRounds(this.channels, context.options.pipeline)
    // A cluster's nodes are its own business (it fails over by itself); events act on one server.
    if (this.kind === 'redis') {
      this.control = flushingControl({
        scheme: endpoint.scheme,
        flushCommand: 'FLUSHALL',
        allowFlush: context.options.allowFlush,
        nodeNames: () => [this.primaryName()],
        holds: () => () => true,
        flushNode: () => this.connections.flushAll(),
        failover: this.failover ? () => this.failOver() : undefined,
        noFailover: `failover needs the primary's replica in the target URL: ${endpoint.scheme}://host:port?replica=host:port`,
      })
    }
    this.written = new WrittenKeys(context.workload.keyspace.count)
    this.keyNames = new KeyNames(context.options.keyPrefix, context.workload.keyspace.count)
    this.keyBytes = new KeyBytes(this.keyNames, context.workload.keyspace.count)
    const {workload, options} = context
    this.structureKeys = new StructureKeys(options.keyPrefix, structureKeyCounts(workload.structures, workload.keyspace.count))
    // The lean path serves only runs without structure operations (see chooseClientPath).
    if (connections.structureClients !== null) this.structures = createRedisStructures(connections.structureClients, this.structureKeys)
    // Not while a replica is watched: a failover counts every reply through followed().
    if (this.failover === null && this.channels.every((channel) => channel.getThen)) this.callbacks = this.callbackCommands()
  }

  /** The lean connections' callback commands, keyed and encoded as get/set/delete do. */
  private callbackCommands(): CallbackCommands {
    const keyBytes = this.keyBytes
    return {
      get: (key, replied, failed) => this.channel().getThen!(keyBytes, key, decodeValueInPlace, replied, failed),
      set: (key, value, ttlMs, replied, failed) => {
        // Noted before sending, as set() does.
        this.written.add(key)
        this.channel().setThen!(keyBytes, key, encodeValue(value), ttlMs, replied, failed)
      },
      delete: (key, replied, failed) => this.channel().delThen!(keyBytes, key, replied, failed),
    }
  }

  /** The key's name on the server: the run's prefix, then the engine's name for the id. */
  keyOf(key: number): string {
    return this.keyNames.of(key)
  }

  async connect(): Promise<void> {
    await this.open(this.connections, this.displayUrl, this.failover ? () => this.failover?.connect() : undefined)
    await this.counters.poll(this.connections.infoNodes())
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    this.written.reserveKeys(count)
    this.keyNames.reserveKeys(count)
    this.keyBytes.reserveKeys(count)
    this.failover?.reserveKeys(count)
  }

  get(key: number): Promise<CachedValue | null> {
    const channel = this.channel()
    // The lean path's errors are command errors already, so nothing is left to translate.
    if (this.failover === null && channel.getDecoded) return channel.getDecoded(this.keyOf(key), decodeValueInPlace)
    const reply = channel.get(this.keyOf(key))
    return this.failover === null ? reply.then(decodeValue, rethrowAsCommandError) : this.followed(reply).then(decodeValue)
  }

  set(key: number, value: CachedValue, ttlMs: number | null): Promise<void> {
    // Noted before sending: a SET that times out may still have landed.
    this.written.add(key)
    const reply = this.channel().set(this.keyOf(key), encodeValue(value), ttlMs)
    const failover = this.failover
    if (failover === null) return reply.then(ignore, rethrowAsCommandError)
    // Sent to the old primary: its acknowledgement counts even when the reply is handled after the
    // switch began (on a loaded machine, it can be), or a write it lost would go uncounted.
    const toOldPrimary = !failover.promoted
    return this.followed(reply).then(() => {
      if (toOldPrimary) failover.acknowledged(key, value.version)
    })
  }

  delete(key: number): Promise<void> {
    const reply = this.channel().del(this.keyOf(key))
    return this.failover === null ? reply.then(ignore, rethrowAsCommandError) : this.followed(reply).then(ignore)
  }

  /** SCANs every primary for a key under the prefix; incremental, so the server is never blocked. */
  async findExistingKey(): Promise<string | null> {
    const pattern = `${escapeGlob(this.context.options.keyPrefix)}*`
    for (const node of this.connections.infoNodes()) {
      let cursor = '0'
      do {
        const [next, keys] = await node.scan(cursor, pattern, SCAN_COUNT).catch(rethrowAsCommandError)
        if (keys.length > 0) return keys[0]
        cursor = next
      } while (cursor !== '0')
    }
    return null
  }

  async stats(): Promise<TargetStats> {
    const {evictions, expirations} = await this.counters.poll(this.connections.infoNodes())
    return {evictions, expirations, items: null, bytes: null}
  }

  /** UNLINKs exactly the keys this run wrote (after a failover, on both servers); never FLUSHALL. */
  async cleanup(): Promise<number> {
    let deleted = 0
    for (const batch of this.written.batches(CLEANUP_BATCH)) {
      const names = batch.map((key) => this.keyOf(key))
      deleted += await this.connections.unlink(names).catch(rethrowAsCommandError)
      if (this.failover?.promoted) deleted += await this.failover.unlinkOnOldPrimary(names).catch(rethrowAsCommandError)
    }
    for (const names of this.structureKeys.batches(CLEANUP_BATCH)) {
      deleted += await this.connections.unlink(names).catch(rethrowAsCommandError)
    }
    return deleted
  }

  async close(): Promise<void> {
    this.connections.close()
    this.failover?.close()
  }

  /**
   * The primary fails: its connections are dropped at once (commands in flight and issued from
   * now on fail), the replica is promoted with REPLICAOF NO ONE and the target reconnects to it,
   * as a client told of the new primary by Sentinel would. The old primary is left as it is.
   */
  private async failOver(): Promise<EventEffect> {
    const failover = this.failover
    if (failover === null || failover.promoted) throw new Error(`${this.displayUrl} has no replica left to fail over to`)
    const clock = this.context.clock
    const watch = new SwitchWatch(clock.now(), this.generation)
    this.watch = watch
    this.connections.close()
    await failover.promote()
    const endpoint = failover.replicaEndpoint
    const connections = await serverConnections(endpoint, this.context.options, this.client)
    await this.open(connections, failover.replicaName)
    this.connections = connections
    this.channels = connections.channels()
    this.rounds.restart(this.channels)
    this.generation++
    return {
      nodeName: failover.replicaName,
      nodes: 1,
      failover: {
        settle: async () => ({
          newPrimary: failover.replicaName,
          errorsDuringSwitch: watch.errors,
          msUntilSuccess: watch.firstSuccessAt === null ? null : watch.firstSuccessAt - watch.startedAt,
          acknowledgedWritesLost: await failover.acknowledgedWritesLost(
            (key) => this.keyOf(key),
            (buffer) => decodeValue(buffer)?.version ?? null,
          ),
        }),
      },
    }
  }

  /** Counts what the application sees during a failover: failures, and when success resumes. */
  private followed<T>(reply: Promise<T>): Promise<T> {
    const generation = this.generation
    return reply.then(
      (value) => {
        this.watch?.succeeded(generation, this.context.clock.now())
        return value
      },
      (error: unknown) => {
        this.watch?.failed(generation)
        return rethrowAsCommandError(error)
      },
    )
  }

  /** Connects within the connect timeout (with `also`, e.g. the replica's checks), or fails naming `name`. */
  private async open(connections: RedisConnections, name: string, also?: () => Promise<void> | undefined): Promise<void> {
    const timeoutMs = this.context.options.connectTimeoutMs
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(CONNECT_TIMED_OUT), timeoutMs)
    })
    try {
      await Promise.race([Promise.all([connections.connect(), also?.()]), timedOut])
    } catch (cause) {
      // Asked before closing, which forgets the nodes.
      const unanswered = connections.unansweredNodes?.()
      connections.close()
      this.failover?.close()
      if (cause instanceof InputError) throw cause
      throw connectFailure(name, cause, this.endpoint.password, timeoutMs, unanswered)
    } finally {
      clearTimeout(timer)
    }
  }

  private primaryName(): string {
    if (this.failover?.promoted) return this.failover.replicaName
    const {host, port} = this.endpoint.hosts[0]
    return `${host}:${port}`
  }

  /**
   * The connection whose replies caused this command, where the path tracks it; else the next in
   * rounds of `pipeline` commands (ConnectionRounds), so a pipelined batch fills up on one
   * connection instead of being spread one command per connection.
   */
  private channel(): CommandChannel {
    return this.connections.replyingChannel?.() ?? this.rounds.pick()
  }
}

// ioredis is imported only by runs that use it (a cluster, the ioredis path, a replica to fail
// over to): a run on the lean path never loads it, which spared every such run 50-70 ms of CPU
// (the CPU of `require('ioredis')` in a fresh process, three tries).

/** Connections to one server on the chosen client path (the target's own, or the promoted replica's). */
async function serverConnections(endpoint: RedisEndpoint, options: TargetOptions, client: RedisClientPath): Promise<RedisConnections> {
  if (client === 'lean') return leanConnections(endpoint, options)
  return (await import('./redis-connections.js')).singleServerConnections(endpoint, options)
}

export async function createRedisTarget(url: TargetUrl, context: TargetContext): Promise<RedisTarget> {
  const endpoint = parseRedisEndpoint(url)
  const client = chooseClientPath(endpoint, context.workload)
  const connections =
    endpoint.scheme === 'redis-cluster'
      ? (await import('./redis-connections.js')).clusterConnections(endpoint, context.options)
      : await serverConnections(endpoint, context.options, client)
  const failover = endpoint.replica
    ? new (await import('./replica-failover.js')).ReplicaFailover(endpoint, context.options, context.workload.keyspace.count)
    : null
  return new RedisTarget(endpoint, connections, context, failover)
}
