import {createLatencyModel, type LatencyModel} from '../../../generators/latency-model.js'
import {createRandom} from '../../../generators/random.js'
import type {TargetUrl} from '../../../targets/target-url.js'
import type {DisconnectRole} from '../../../workload/types.js'
import {decodeMessage} from '../../message-codec.js'
import type {MessagingContext, MessagingFinal, MessagingSample, MessagingTarget} from '../../messaging-target.js'
import {type StreamSample, sumFigures} from '../stream-figures.js'
import type {StreamSessionSpec} from '../stream-session-spec.js'
import {consumerSelectors, streamSessionSpec} from '../streams-target-spec.js'
import {schedulerOf} from './simulated-consumer.js'
import {SimulatedStreamSession} from './simulated-stream-session.js'

/** Random stream numbers of the stream simulation, apart from the cache workloads' (src/generators/random.ts). */
const PUBLISH_LATENCY_STREAM = 40
const CONSUMER_LATENCY_STREAM = 41

/**
 * Redis Streams in simulated time (builtin://): the same groups, consumers, MAXLEN ~ trimming,
 * pending lists and lag as on a server, every command one round trip of `cache.latency`.
 */
export class BuiltinStreamsTarget implements MessagingTarget {
  readonly kind = 'streams'
  private readonly spec: StreamSessionSpec
  private readonly session: SimulatedStreamSession
  private readonly publishLatency: LatencyModel
  private readonly samples: StreamSample[] = []

  constructor(private readonly context: MessagingContext) {
    const {workload, messaging, clock, sink} = context
    this.spec = streamSessionSpec(messaging)
    this.publishLatency = createLatencyModel(workload.cache.latency, createRandom(workload.seed, PUBLISH_LATENCY_STREAM))
    const consumerLatency = createLatencyModel(workload.cache.latency, createRandom(workload.seed, CONSUMER_LATENCY_STREAM))
    this.session = new SimulatedStreamSession(this.spec, messaging.payloadBytes, schedulerOf(clock), consumerLatency, (group, entry) => {
      if (entry.body) sink.received(group, entry.body)
    })
  }

  /** The consumers were connected before the run began: already waiting at the server, taking no simulated time now. */
  async connect(): Promise<void> {
    this.session.connectAllWaiting()
  }

  /** Half a round trip to reach the server, where the entry is added; half back with its ID. */
  async publish(publisher: number, channel: number, message: Buffer): Promise<number | null> {
    const {clock} = this.context
    const half = this.publishLatency.sample() / 2
    await clock.sleep(half)
    this.session.add(publisher, channel, decodeMessage(message)?.intendedMs ?? clock.now(), message)
    await clock.sleep(half)
    return null
  }

  async disconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void> {
    for (const selector of consumerSelectors(this.spec, role, indexes)) this.session.disconnect(selector)
  }

  async reconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void> {
    for (const selector of consumerSelectors(this.spec, role, indexes)) this.session.reconnect(selector)
  }

  async sample(): Promise<MessagingSample | null> {
    const sample = this.session.sample(this.context.clock.now())
    this.samples.push(sample)
    return {lag: sample.lag ?? 0, pending: sample.pending}
  }

  /**
   * Called once simulated time has run out of events: every consumer that is connected has read
   * and acknowledged all there is, and what is left waits for consumers that never came back.
   */
  async finish(): Promise<MessagingFinal> {
    await this.sample()
    const figures = sumFigures(this.session.published, 0, this.session.groupFigures(), this.samples, 0)
    this.session.disconnectAll()
    const warnings = this.session.drained ? [] : ['Some consumers never came back: what their groups had not read and acknowledged counts as lag and pending.']
    return {lag: figures.lag, pending: figures.pending, trimmedBeforeRead: figures.trimmedBeforeRead, drained: this.session.drained, groups: figures.perGroup, keysDeleted: 0, warnings}
  }

  close(): void {
    this.session.disconnectAll()
  }
}

export function createBuiltinStreamsTarget(_url: TargetUrl, context: MessagingContext): MessagingTarget {
  return new BuiltinStreamsTarget(context)
}
