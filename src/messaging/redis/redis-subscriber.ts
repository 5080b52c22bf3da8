/**
 * One Pub/Sub subscriber on a real server: its own connection (one per cluster node for sharded
 * Pub/Sub), SUBSCRIBE / PSUBSCRIBE / SSUBSCRIBE to its channels, and every message handed to the
 * sink. When the server drops the connection the subscriber is down until the client has
 * reconnected and the subscription is confirmed again; it subscribes itself rather than let the
 * client do it unseen, so "receives again" is a reply, not a guess.
 */
import {Redis, type RedisOptions} from 'ioredis'
import type {DeliverySink} from '../messaging-target.js'

export interface SubscriptionPlan {
  /** Connection options, host and port included, one entry per connection. */
  connections: Array<{options: RedisOptions; channels: string[]}>
  /** `subscribe`, `psubscribe` (channels are patterns) or `ssubscribe` (one command per channel: a command's channels must share a slot). */
  command: 'subscribe' | 'psubscribe' | 'ssubscribe'
}

export class RedisSubscriber {
  private readonly clients: Redis[]
  private down = false
  /** An event closed the connections: no reconnecting until it says so. */
  private held = false
  lastError: unknown

  constructor(
    private readonly index: number,
    private readonly plan: SubscriptionPlan,
    private readonly sink: DeliverySink,
  ) {
    this.clients = plan.connections.map(({options}) => new Redis({...options, lazyConnect: true, autoResubscribe: false}))
    for (const client of this.clients) {
      const deliver = (_channel: Buffer, message: Buffer): void => sink.received(index, message)
      client.on('messageBuffer', deliver)
      client.on('smessageBuffer', deliver)
      client.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, message: Buffer) => deliver(channel, message))
      client.on('error', (error: unknown) => (this.lastError = error))
      client.on('close', () => this.markDown())
      client.on('ready', () => {
        if (this.down && !this.held) void this.subscribe(client).then(() => this.markUpWhenAllSubscribed(), (error: unknown) => (this.lastError = error))
      })
    }
  }

  /** Connects and subscribes; resolves once every subscription is confirmed. */
  async connect(): Promise<void> {
    // Held while connecting, so the ready handler leaves the subscribing to this call.
    this.held = true
    await Promise.all(this.clients.map(async (client) => {
      if (client.status !== 'ready') await client.connect()
      await this.subscribe(client)
    }))
    this.held = false
    this.markUp()
  }

  /** An event: the subscriber stops receiving, then its connections close. */
  disconnect(): void {
    this.held = true
    this.markDown()
    for (const client of this.clients) client.disconnect(false)
  }

  close(): void {
    this.held = true
    for (const client of this.clients) client.disconnect(false)
  }

  private async subscribe(client: Redis): Promise<void> {
    const channels = this.plan.connections[this.clients.indexOf(client)].channels
    if (this.plan.command === 'ssubscribe') {
      for (const channel of channels) await client.ssubscribe(channel)
    } else if (channels.length > 0) await client[this.plan.command](...channels)
  }

  private markDown(): void {
    if (this.down) return
    this.down = true
    this.sink.receiverDown(this.index)
  }

  private markUpWhenAllSubscribed(): void {
    if (this.clients.every((client) => client.status === 'ready')) this.markUp()
  }

  private markUp(): void {
    if (!this.down) return
    this.down = false
    this.sink.receiverUp(this.index)
  }
}
