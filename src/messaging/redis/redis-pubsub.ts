/**
 * Pub/Sub on a real Redis server or cluster. Publishers PUBLISH (sharded: SPUBLISH) on their own
 * connections; each subscriber SUBSCRIBEs its channels (PSUBSCRIBE one pattern matching them all;
 * sharded: SSUBSCRIBE on the node owning each channel's slot, as Redis 7 requires) on
 * connections of its own. Channels are named under the run's key prefix; Pub/Sub stores nothing,
 * so nothing is left to delete.
 */
import {Cluster, Redis} from 'ioredis'
import {TargetError} from '../../errors.js'
import {clusterOptions, redisConnectionOptions} from '../../targets/redis/client-options.js'
import {CONNECT_TIMED_OUT, connectFailure} from '../../targets/redis/connect-failure.js'
import {keySlot} from '../../targets/redis/key-slot.js'
import {parseRedisEndpoint, type RedisEndpoint} from '../../targets/redis/redis-endpoint.js'
import type {DisconnectRole, PubSubSpec} from '../../workload/types.js'
import type {MessagingContext, MessagingFinal, MessagingTarget, MessagingTargetFactory} from '../messaging-target.js'
import {RedisSubscriber, type SubscriptionPlan} from './redis-subscriber.js'

export const createRedisPubSub: MessagingTargetFactory = (url, context) => new RedisPubSub(parseRedisEndpoint(url), context)

/** `cb:1a2b:ch:7`: the run's prefix keeps its channels apart from everybody else's. */
export function channelName(keyPrefix: string, channel: number): string {
  return `${keyPrefix}ch:${channel}`
}

/** A glob matching every channel of the run: the prefix's own glob characters escaped. */
export function channelPattern(keyPrefix: string): string {
  return `${keyPrefix.replace(/[*?[\]\\]/g, (character) => `\\${character}`)}ch:*`
}

class RedisPubSub implements MessagingTarget {
  readonly kind = 'pubsub'
  private readonly spec: PubSubSpec
  private readonly names: string[]
  private readonly publishers: Array<Redis | Cluster>
  private subscribers: RedisSubscriber[] = []

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly context: MessagingContext,
  ) {
    this.spec = context.messaging.pubsub as PubSubSpec
    this.names = Array.from({length: context.messaging.channels.count}, (_, channel) => channelName(context.options.keyPrefix, channel))
    this.publishers = Array.from({length: context.messaging.publishers}, () => this.newPublisher())
  }

  async connect(): Promise<void> {
    await this.withinConnectTimeout(Promise.all(this.publishers.map((publisher) => publisher.connect())))
    const owners = this.spec.sharded ? slotOwners(this.publishers[0] as Cluster) : undefined
    this.subscribers = this.context.layout.receivers.map(
      (receiver, index) => new RedisSubscriber(index, this.subscriptionPlan(index, receiver.channels, owners), this.context.sink),
    )
    await this.withinConnectTimeout(Promise.all(this.subscribers.map((subscriber) => subscriber.connect())))
  }

  async publish(publisher: number, channel: number, message: Buffer): Promise<number> {
    const client = this.publishers[publisher]
    const reached = this.spec.sharded ? await (client as Cluster).spublish(this.names[channel], message) : await client.publish(this.names[channel], message)
    return Number(reached)
  }

  async disconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void> {
    if (role === 'subscriber') for (const index of indexes) this.subscribers[index].disconnect()
  }

  async reconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void> {
    if (role === 'subscriber') await Promise.all(indexes.map((index) => this.subscribers[index].connect()))
  }

  async sample(): Promise<null> {
    return null
  }

  async finish(): Promise<MessagingFinal> {
    return {lag: null, pending: null, trimmedBeforeRead: null, drained: null, groups: null, keysDeleted: 0, warnings: []}
  }

  close(): void {
    for (const subscriber of this.subscribers) subscriber.close()
    for (const publisher of this.publishers) publisher.disconnect()
  }

  private newPublisher(): Redis | Cluster {
    const {options} = this.context
    const client =
      this.endpoint.scheme === 'redis-cluster'
        ? new Cluster(this.endpoint.hosts, clusterOptions(this.endpoint, options))
        : new Redis({...redisConnectionOptions(this.endpoint, options), ...this.endpoint.hosts[0]})
    client.on('error', () => undefined)
    return client
  }

  /** Subscriber `index`'s connections: one (spread over the given hosts), or one per node owning some of its channels. */
  private subscriptionPlan(index: number, channels: readonly number[], owners: ((name: string) => {host: string; port: number}) | undefined): SubscriptionPlan {
    const base = {...redisConnectionOptions(this.endpoint, this.context.options), connectionName: `${this.context.options.keyPrefix}sub-${index}`}
    if (owners === undefined) {
      const host = this.endpoint.hosts[index % this.endpoint.hosts.length]
      const names = this.spec.patterns ? [channelPattern(this.context.options.keyPrefix)] : channels.map((channel) => this.names[channel])
      return {command: this.spec.patterns ? 'psubscribe' : 'subscribe', connections: [{options: {...base, ...host}, channels: names}]}
    }
    const byNode = new Map<string, {options: typeof base & {host: string; port: number}; channels: string[]}>()
    for (const channel of channels) {
      const node = owners(this.names[channel])
      const key = `${node.host}:${node.port}`
      if (!byNode.has(key)) byNode.set(key, {options: {...base, ...node}, channels: []})
      byNode.get(key)?.channels.push(this.names[channel])
    }
    return {command: 'ssubscribe', connections: [...byNode.values()]}
  }

  private async withinConnectTimeout(connecting: Promise<unknown>): Promise<void> {
    const {connectTimeoutMs} = this.context.options
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(CONNECT_TIMED_OUT), connectTimeoutMs)))
    try {
      await Promise.race([connecting, timeout])
    } catch (error) {
      this.close()
      if (error instanceof TargetError) throw error
      throw connectFailure(this.endpoint.displayUrl, error, this.endpoint.password, connectTimeoutMs)
    } finally {
      clearTimeout(timer)
    }
  }
}

/** The primary serving each channel's slot, from the cluster client's slot table (CLUSTER SLOTS). */
function slotOwners(cluster: Cluster): (name: string) => {host: string; port: number} {
  const slots = (cluster as unknown as {slots: string[][]}).slots
  return (name) => {
    const [host, port] = (slots[keySlot(name)]?.[0] ?? '').split(/:(?=\d+$)/)
    if (!host || !port) throw new TargetError(`The cluster reported no primary for the slot of channel ${name}.`)
    return {host, port: Number(port)}
  }
}
