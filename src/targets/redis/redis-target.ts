import {keyName} from '../../engine/item-size.js'
import type {CachedValue, CacheTarget, TargetStats} from '../cache-target.js'
import {StructureKeys, structureKeyCounts, type StructureCommands} from '../structure-target.js'
import type {TargetContext} from '../target-registry.js'
import type {TargetUrl} from '../target-url.js'
import {decodeValue, encodeValue} from '../value-codec.js'
import {WrittenKeys} from '../written-keys.js'
import {type CommandChannel, DirectChannel, PipelinedChannel} from './command-channel.js'
import {rethrowAsCommandError} from './command-errors.js'
import {CONNECT_TIMED_OUT, connectFailure} from './connect-failure.js'
import {clusterConnections, type RedisConnections, singleServerConnections} from './redis-connections.js'
import {parseRedisEndpoint, type RedisEndpoint} from './redis-endpoint.js'
import {createRedisStructures} from './redis-structures.js'
import {ServerCounters} from './server-counters.js'

/** Keys per UNLINK at cleanup: large enough to be quick, small enough not to stall the server. */
const CLEANUP_BATCH = 500

/** Key names kept for ids below this (about 50 MiB at most); larger ids are built per command. */
const KEY_NAME_CACHE_LIMIT = 1 << 20

const ignore = (): void => {}

/**
 * One Redis server or a Redis Cluster through ioredis. Commands go round-robin over
 * `connections` clients, pipelined when `pipeline` > 1. Items and bytes are not reported: a
 * server's key count and memory include keys that are not the run's.
 */
export class RedisTarget implements CacheTarget {
  readonly kind: 'redis' | 'redis-cluster'
  readonly displayUrl: string
  private readonly channels: CommandChannel[]
  private next = 0
  private sentOnChannel = 0
  private readonly batchSize: number
  private readonly written: WrittenKeys
  private readonly counters = new ServerCounters()
  private readonly keyNames: Array<string | undefined>
  readonly structures: StructureCommands
  private readonly structureKeys: StructureKeys

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly connections: RedisConnections,
    private readonly context: TargetContext,
  ) {
    this.kind = endpoint.scheme === 'redis-cluster' ? 'redis-cluster' : 'redis'
    this.displayUrl = endpoint.displayUrl
    const {pipeline} = context.options
    this.batchSize = pipeline
    this.channels = connections.clients.map((client, index) =>
      connections.guard(
        index,
        pipeline > 1 ? new PipelinedChannel(client, pipeline, () => connections.streams(index)) : new DirectChannel(client),
      ),
    )
    this.written = new WrittenKeys(context.workload.keyspace.count)
    // Sized up front: filling a growing array at random indices would make it a slow sparse one.
    this.keyNames = new Array(Math.min(context.workload.keyspace.count, KEY_NAME_CACHE_LIMIT))
    const {workload, options} = context
    this.structureKeys = new StructureKeys(options.keyPrefix, structureKeyCounts(workload.structures, workload.keyspace.count))
    this.structures = createRedisStructures(connections.clients, this.structureKeys)
  }

  /** The key's name on the server: the run's prefix, then the engine's name for the id. */
  keyOf(key: number): string {
    if (key >= KEY_NAME_CACHE_LIMIT) return this.context.options.keyPrefix + keyName(key)
    // Built once per key: formatting the number and flattening the concatenation on every
    // command was a visible share of the client's time.
    return (this.keyNames[key] ??= this.context.options.keyPrefix + keyName(key))
  }

  async connect(): Promise<void> {
    const timeoutMs = this.context.options.connectTimeoutMs
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(CONNECT_TIMED_OUT), timeoutMs)
    })
    try {
      await Promise.race([this.connections.connect(), timedOut])
    } catch (cause) {
      this.connections.close()
      throw connectFailure(this.displayUrl, cause, this.endpoint.password, timeoutMs)
    } finally {
      clearTimeout(timer)
    }
    await this.counters.poll(this.connections.infoNodes())
  }

  get(key: number): Promise<CachedValue | null> {
    return this.channel().get(this.keyOf(key)).then(decodeValue, rethrowAsCommandError)
  }

  set(key: number, value: CachedValue, ttlMs: number | null): Promise<void> {
    // Noted before sending: a SET that times out may still have landed.
    this.written.add(key)
    return this.channel().set(this.keyOf(key), encodeValue(value), ttlMs).then(ignore, rethrowAsCommandError)
  }

  delete(key: number): Promise<void> {
    return this.channel().del(this.keyOf(key)).then(ignore, rethrowAsCommandError)
  }

  async stats(): Promise<TargetStats> {
    const {evictions, expirations} = await this.counters.poll(this.connections.infoNodes())
    return {evictions, expirations, items: null, bytes: null}
  }

  /** UNLINKs exactly the keys this run wrote; never FLUSHALL. */
  async cleanup(): Promise<number> {
    let deleted = 0
    for (const batch of this.written.batches(CLEANUP_BATCH)) {
      deleted += await this.connections.unlink(batch.map((key) => this.keyOf(key))).catch(rethrowAsCommandError)
    }
    for (const names of this.structureKeys.batches(CLEANUP_BATCH)) {
      deleted += await this.connections.unlink(names).catch(rethrowAsCommandError)
    }
    return deleted
  }

  async close(): Promise<void> {
    this.connections.close()
  }

  /**
   * Round-robin in runs of `pipeline` commands, so a pipelined batch fills up on one connection
   * instead of being spread one command per connection.
   */
  private channel(): CommandChannel {
    const channel = this.channels[this.next]
    if (++this.sentOnChannel === this.batchSize) {
      this.sentOnChannel = 0
      this.next = this.next + 1 === this.channels.length ? 0 : this.next + 1
    }
    return channel
  }
}

export function createRedisTarget(url: TargetUrl, context: TargetContext): RedisTarget {
  const endpoint = parseRedisEndpoint(url)
  const connections =
    endpoint.scheme === 'redis-cluster'
      ? clusterConnections(endpoint, context.options)
      : singleServerConnections(endpoint, context.options)
  return new RedisTarget(endpoint, connections, context)
}
