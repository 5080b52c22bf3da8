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
import {CONSUMER_LATENCY_STREAM, PUBLISH_LATENCY_STREAM} from './simulate-streams.js'

/** After the load, how much simulated time consumers get to read what is left, checked every `DRAIN_STEP_MS`. */
const DRAIN_TIMEOUT_MS = 5000
const DRAIN_STEP_MS = 10
const CONNECT_STEP_MS = 0.05
const CONNECT_STEPS = 100_000

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

  /** Resolves once every consumer has reached the server waiting for new entries (a few round trips of simulated time). */
  async connect(): Promise<void> {
    this.session.connectAll()
    for (let step = 0; !this.session.ready && step < CONNECT_STEPS; step++) await this.context.clock.sleep(CONNECT_STEP_MS)
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

  async finish(): Promise<MessagingFinal> {
    await this.sample()
    const {clock} = this.context
    for (let waited = 0; !this.session.drained && waited < DRAIN_TIMEOUT_MS; waited += DRAIN_STEP_MS) await clock.sleep(DRAIN_STEP_MS)
    const figures = sumFigures(this.session.published, 0, this.session.groupFigures(), this.samples, 0)
    this.session.disconnectAll()
    const warnings = this.session.drained ? [] : [`The consumer groups had not read and acknowledged every entry ${DRAIN_TIMEOUT_MS / 1000} s (simulated) after the load ended; what was left counts as lag and pending.`]
    return {lag: figures.lag, pending: figures.pending, trimmedBeforeRead: figures.trimmedBeforeRead, keysDeleted: 0, warnings}
  }

  close(): void {
    this.session.disconnectAll()
  }
}

export function createBuiltinStreamsTarget(_url: TargetUrl, context: MessagingContext): MessagingTarget {
  return new BuiltinStreamsTarget(context)
}
