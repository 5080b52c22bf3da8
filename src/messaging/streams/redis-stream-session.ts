import {DurationHistogram} from '../../metrics/histogram.js'
import {GroupLedger} from './group-ledger.js'
import {StreamConsumer} from './stream-consumer.js'
import {type GroupFigures, type StreamFigures, type StreamSample, groupFigures, sumFigures} from './stream-figures.js'
import {fieldsMessage} from './stream-fields.js'
import {createGroups, pendingEntries, sampleGroups, unreadEntries} from './stream-groups.js'
import {StreamProducer} from './stream-producer.js'
import type {StreamEntry} from './stream-replies.js'
import {type ConsumerSelector, type StreamSessionSpec, consumerName, groupName} from './stream-session-spec.js'
import {type ReadSet, type StreamTopology, connectClient} from './stream-topology.js'
import type {RedisClient} from '../../targets/redis/command-channel.js'

/**
 * Redis Streams on one server or a cluster: publishers XADD, every group's consumers read and acknowledge,
 * and the session keeps each group's ledger, the delivery latencies (receipt − intended publish
 * time on `now`) and the lag/pending samples the runner asks for.
 */
export class RedisStreamSession {
  readonly latency = new DurationHistogram()
  readonly samples: StreamSample[] = []
  private readonly keys: readonly string[]
  private readonly admin: RedisClient
  private readonly producers: StreamProducer[] = []
  private readonly ledgers: GroupLedger[]
  /** Per group, per consumer: one reader per read set, all under the consumer's name. */
  private readonly consumers: StreamConsumer[][][]
  private consumerErrors = 0

  constructor(
    private readonly spec: StreamSessionSpec,
    private readonly topology: StreamTopology,
    private readonly now: () => number,
    /** Every first receipt of a message by a group, with the message body as published. */
    private readonly receipt: (group: number, body: Buffer) => void = () => {},
  ) {
    this.keys = topology.keys
    this.admin = topology.command()
    this.ledgers = Array.from({length: spec.groups}, () => new GroupLedger())
    this.consumers = this.ledgers.map((ledger, group) =>
      Array.from({length: spec.consumersPerGroup}, (_, consumer) => this.consumer(ledger, group, consumer)),
    )
  }

  /** Creates the streams and groups (at `$`: only what is published from now on) and connects every consumer. */
  async open(publishers: number): Promise<void> {
    await connectClient(this.admin)
    await createGroups(this.admin, this.keys, this.ledgers.map((_, group) => groupName(group)))
    for (let publisher = 0; publisher < publishers; publisher++) {
      const client = this.topology.command()
      await connectClient(client)
      this.producers.push(new StreamProducer(client, publisher, this.spec.maxlen))
    }
    await Promise.all(this.consumers.flat(2).map((consumer) => consumer.connect()))
  }

  publish(publisher: number, channel: number, intendedMs: number, body: Buffer | string): Promise<string> {
    return this.producers[publisher].publish(this.keys[channel], intendedMs, body)
  }

  disconnect(selector: ConsumerSelector): Promise<void> {
    return Promise.all(this.select(selector).map((consumer) => consumer.disconnect())).then(() => undefined)
  }

  reconnect(selector: ConsumerSelector): Promise<void> {
    return Promise.all(this.select(selector).map((consumer) => consumer.connect())).then(() => undefined)
  }

  /** Distinct messages group `group` has received so far. */
  deliveredTo(group: number): number {
    return this.ledgers[group].delivered
  }

  /** Records the largest group lag and all pending entries (XINFO GROUPS) at this moment. */
  async sample(): Promise<StreamSample> {
    const infos = await sampleGroups(this.admin, this.keys)
    const lags = this.ledgers.map((ledger, group) => this.groupLag(ledger, infos.get(groupName(group))?.lags))
    const sample: StreamSample = {
      atMs: this.now(),
      lag: lags.reduce((most, lag) => Math.max(most, lag), 0),
      pending: [...infos.values()].reduce((sum, group) => sum + group.pending, 0),
      delivered: this.ledgers.reduce((sum, ledger) => sum + ledger.delivered, 0),
    }
    this.samples.push(sample)
    return sample
  }

  /** Waits (polling XINFO, at most `timeoutMs`) until every group has read and acknowledged all there is. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const groups = [...(await sampleGroups(this.admin, this.keys)).values()]
      if (groups.every((group) => [...group.lags.values()].every((lag) => lag === 0) && group.pending === 0)) return true
      if (Date.now() >= deadline) return false
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /** Stops the consumers and works out every group's figures. */
  async finish(): Promise<StreamFigures> {
    await Promise.all(this.consumers.flat(2).map((consumer) => consumer.stop()))
    const infos = await sampleGroups(this.admin, this.keys)
    const published = this.producers.reduce((sum, producer) => sum + producer.published, 0)
    const unreadLimit = this.spec.maxlen * 2 + 1000
    const perGroup: GroupFigures[] = await Promise.all(
      this.ledgers.map(async (ledger, index) => {
        const group = groupName(index)
        const unread = await unreadEntries(this.admin, infos.get(group)?.lastDeliveredIds ?? new Map(), unreadLimit)
        return groupFigures(group, ledger, published, unread, await pendingEntries(this.admin, this.keys, group))
      }),
    )
    const publishErrors = this.producers.reduce((sum, producer) => sum + producer.failed, 0)
    return sumFigures(published, publishErrors, perGroup, this.samples, this.consumerErrors)
  }

  /** DELs the streams (and with them the groups) and closes every connection. */
  async close(keepKeys = false): Promise<number> {
    await Promise.all(this.consumers.flat(2).map((consumer) => consumer.disconnect()))
    let deleted = 0
    try {
      // One DEL per stream: on a cluster the streams live in different slots.
      if (!keepKeys) {
        if (this.admin.status !== 'ready') throw new Error(`not connected to the server (${this.admin.status})`)
        deleted = (await Promise.all(this.keys.map((key) => this.admin.del(key)))).reduce((a, b) => a + b, 0)
      }
    } finally {
      for (const producer of this.producers) producer.close()
      this.admin.disconnect()
      this.latency.destroy()
    }
    return deleted
  }

  /**
   * Σ over streams of XINFO's lag; where the server cannot tell (a deleted entry in the way, or
   * Redis before 7), computed as the group's share of what was added: published − received.
   */
  private groupLag(ledger: GroupLedger, lags: Map<string, number | null> | undefined): number {
    let total = 0
    for (const key of this.keys) {
      const lag = lags?.get(key)
      if (typeof lag === 'number') total += lag
      else total += Math.max(0, this.producers.reduce((sum, producer) => sum + producer.sequenceOn(key), 0) - ledger.deliveredFrom(key))
    }
    return total
  }

  /** Drops every connection at once, waiting for nothing. */
  abort(): void {
    for (const consumer of this.consumers.flat(2)) void consumer.disconnect()
    for (const producer of this.producers) producer.close()
    this.admin.disconnect()
  }

  private select({group, consumer}: ConsumerSelector): StreamConsumer[] {
    const consumers = this.consumers[group] ?? []
    return (consumer === null ? consumers : consumers.slice(consumer, consumer + 1)).flat()
  }

  private consumer(ledger: GroupLedger, group: number, consumer: number): StreamConsumer[] {
    return this.topology.readSets.map((readSet) => this.reader(ledger, group, consumer, readSet))
  }

  private reader(ledger: GroupLedger, group: number, consumer: number, readSet: ReadSet): StreamConsumer {
    const spec = {group: groupName(group), name: consumerName(consumer), keys: readSet.keys, count: this.spec.count, blockMs: this.spec.blockMs}
    return new StreamConsumer(readSet.open, spec, {
      receive: (entry) => this.receive(ledger, group, entry),
      acknowledged: (count) => {
        ledger.acknowledged += count
      },
      failed: () => {
        this.consumerErrors++
      },
    })
  }

  private receive(ledger: GroupLedger, group: number, entry: StreamEntry): void {
    const message = entry.fields && fieldsMessage(entry.fields)
    if (!message || !ledger.receive(entry.key, message.publisher, message.sequence)) return
    this.latency.record(this.now() - message.intendedMs)
    this.receipt(group, message.body as Buffer)
  }
}
