/**
 * Pub/Sub in simulated time (`builtin://`): the server's semantics without a server. A message
 * reaches every subscriber of its channel that is connected when it is published (at-most-once:
 * one that is away misses it, one that drops while the message is on its way loses it), each
 * after its own draw of `cache.latency`, the model of one trip from the publisher through the
 * server to the far end; PUBLISH's reply (the receivers reached) takes a draw as well.
 */
import {createLatencyModel} from '../generators/latency-model.js'
import {createRandom, Stream} from '../generators/random.js'
import type {DisconnectRole} from '../workload/types.js'
import type {MessagingContext, MessagingFinal, MessagingTarget, MessagingTargetFactory} from './messaging-target.js'

export const createBuiltinPubSub: MessagingTargetFactory = (_url, context) => new BuiltinPubSub(context)

class BuiltinPubSub implements MessagingTarget {
  readonly kind = 'pubsub'
  private readonly connected: boolean[]
  private readonly latency

  constructor(private readonly context: MessagingContext) {
    this.connected = context.layout.receivers.map(() => true)
    this.latency = createLatencyModel(context.workload.cache.latency, createRandom(context.workload.seed, Stream.cacheLatency))
  }

  async connect(): Promise<void> {}

  async publish(_publisher: number, channel: number, message: Buffer): Promise<number> {
    const {clock, sink, layout} = this.context
    let reached = 0
    for (const receiver of layout.audience(channel)) {
      if (!this.connected[receiver]) continue
      reached++
      void clock.sleep(this.latency.sample()).then(() => {
        if (this.connected[receiver]) sink.received(receiver, message)
      })
    }
    await clock.sleep(this.latency.sample())
    return reached
  }

  async disconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void> {
    if (role !== 'subscriber') return
    for (const index of indexes) {
      this.context.sink.receiverDown(index)
      this.connected[index] = false
    }
  }

  async reconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void> {
    if (role !== 'subscriber') return
    // SUBSCRIBE's round trip: messages published meanwhile are still missed.
    await this.context.clock.sleep(this.latency.sample())
    for (const index of indexes) {
      this.connected[index] = true
      this.context.sink.receiverUp(index)
    }
  }

  async sample(): Promise<null> {
    return null
  }

  async finish(): Promise<MessagingFinal> {
    return {lag: null, pending: null, trimmedBeforeRead: null, drained: null, groups: null, keysDeleted: 0, warnings: []}
  }

  close(): void {}
}
