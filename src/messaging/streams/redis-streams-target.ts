import {asSentence} from '../../errors.js'
import {errorMessage} from '../../runner/event-record.js'
import type {MessagingContext, MessagingFinal, MessagingSample, MessagingTarget} from '../messaging-target.js'
import {decodeMessage} from '../message-codec.js'
import {parseRedisEndpoint} from '../../targets/redis/redis-endpoint.js'
import type {TargetUrl} from '../../targets/target-url.js'
import type {DisconnectRole} from '../../workload/types.js'
import {RedisStreamSession} from './redis-stream-session.js'
import {type StreamTopology, clusterTopology, singleServerTopology} from './stream-topology.js'
import {consumerSelectors, streamSessionSpec} from './streams-target-spec.js'

/** After the load, how long consumers get to read and acknowledge what is left before the figures are taken. */
const DRAIN_TIMEOUT_MS = 5000

/**
 * Redis Streams as a messaging target (redis://, rediss://, redis-cluster://): XADD MAXLEN ~ per
 * publisher connection, each group's consumers on blocking connections of their own. Receivers
 * are the groups: a consumer that drops out leaves its group live, since the group keeps every
 * entry for it until a consumer reads it (nothing is missed, unlike Pub/Sub).
 */
export class RedisStreamsTarget implements MessagingTarget {
  readonly kind = 'streams'
  private readonly spec
  private session: RedisStreamSession | null = null

  constructor(
    private readonly url: TargetUrl,
    private readonly context: MessagingContext,
  ) {
    this.spec = streamSessionSpec(context.messaging)
  }

  async connect(): Promise<void> {
    const endpoint = parseRedisEndpoint(this.url)
    const {options, clock, sink, messaging} = this.context
    const topology: StreamTopology =
      endpoint.scheme === 'redis-cluster'
        ? await clusterTopology(endpoint, options, this.spec.streams, this.spec.blockMs)
        : singleServerTopology(endpoint, options, this.spec.streams, this.spec.blockMs)
    this.session = new RedisStreamSession(this.spec, topology, () => clock.now(), (group, body) => sink.received(group, body))
    await this.session.open(messaging.publishers)
  }

  async publish(publisher: number, channel: number, message: Buffer): Promise<number | null> {
    await this.live().publish(publisher, channel, decodeMessage(message)?.intendedMs ?? this.context.clock.now(), message)
    return null
  }

  async disconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void> {
    await Promise.all(consumerSelectors(this.spec, role, indexes).map((selector) => this.live().disconnect(selector)))
  }

  async reconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void> {
    await Promise.all(consumerSelectors(this.spec, role, indexes).map((selector) => this.live().reconnect(selector)))
  }

  async sample(): Promise<MessagingSample | null> {
    const sample = await this.live().sample()
    return {lag: sample.lag ?? 0, pending: sample.pending}
  }

  /**
   * Reads the groups' state from the server, then deletes the streams. A server lost by now (or
   * not answering) leaves the server's figures unknown and the streams in place: both are said
   * in the warnings, and the run's own figures are kept.
   */
  async finish(): Promise<MessagingFinal> {
    const session = this.live()
    this.session = null
    const warnings: string[] = []
    let final: Omit<MessagingFinal, 'keysDeleted' | 'warnings'> = {lag: null, pending: null, trimmedBeforeRead: null, drained: null, groups: null}
    try {
      await session.sample()
      const drained = await session.drain(DRAIN_TIMEOUT_MS)
      const figures = await session.finish()
      final = {lag: figures.lag, pending: figures.pending, trimmedBeforeRead: figures.trimmedBeforeRead, drained, groups: figures.perGroup}
      if (!drained) warnings.push(`The consumer groups had not read and acknowledged every entry ${DRAIN_TIMEOUT_MS / 1000} s after the load ended; what was left counts as lag and pending.`)
    } catch (error) {
      warnings.push(`Could not read the consumer groups from the server at the end of the run (${errorMessage(error)}): their lag, pending and unread entries are unknown.`)
    }
    let keysDeleted = 0
    try {
      keysDeleted = await session.close(this.context.options.keepKeys)
    } catch (error) {
      session.abort()
      warnings.push(`Could not delete the streams under ${this.context.options.keyPrefix} at the end of the run: ${asSentence(errorMessage(error))}`)
    }
    return {...final, keysDeleted, warnings}
  }

  close(): void {
    this.session?.abort()
    this.session = null
  }

  private live(): RedisStreamSession {
    if (!this.session) throw new Error('the Streams target is not connected')
    return this.session
  }
}

export function createRedisStreamsTarget(url: TargetUrl, context: MessagingContext): MessagingTarget {
  return new RedisStreamsTarget(url, context)
}
