import type {LatencyModel} from '../../../generators/latency-model.js'
import {GroupLedger} from '../group-ledger.js'
import {type GroupFigures, type StreamSample, groupFigures} from '../stream-figures.js'
import {type ConsumerSelector, type StreamSessionSpec, groupName} from '../stream-session-spec.js'
import {entriesPerNode} from './node-capacity.js'
import {type Scheduler, SimulatedConsumer} from './simulated-consumer.js'
import type {SimulatedEntry} from './simulated-stream.js'
import {SimulatedStreamServer} from './simulated-stream-server.js'

/** Called for every first receipt of a message by a group, at the simulated moment it arrives. */
export type SimulatedReceipt = (group: number, entry: SimulatedEntry) => void

/**
 * The simulated server with every group's consumers and ledgers: what the builtin Streams
 * target and the stand-alone simulation share. Publishing is split in two so the caller can
 * charge the round trip its own way: `add` is the moment the XADD takes effect on the server.
 */
export class SimulatedStreamSession {
  private readonly server: SimulatedStreamServer
  private readonly ledgers: GroupLedger[]
  private readonly consumers: SimulatedConsumer[][]
  /** Per publisher, per stream: the sequence numbers a group's holes are found from. */
  private readonly sequences: number[][] = []
  published = 0

  constructor(
    private readonly spec: StreamSessionSpec,
    payloadBytes: number,
    scheduler: Scheduler,
    latency: LatencyModel,
    receipt: SimulatedReceipt,
  ) {
    this.server = new SimulatedStreamServer(spec.streams, spec.groups, spec.maxlen, entriesPerNode(payloadBytes), spec.count)
    this.ledgers = Array.from({length: spec.groups}, () => new GroupLedger())
    this.consumers = this.ledgers.map((ledger, group) =>
      Array.from({length: spec.consumersPerGroup}, (_, consumer) =>
        new SimulatedConsumer(this.server, group, consumer, scheduler, latency, {
          receive: (stream, entry) => {
            if (ledger.receive(String(stream), entry.publisher, entry.sequence)) receipt(group, entry)
          },
          acknowledged: (count) => {
            ledger.acknowledged += count
          },
        }),
      ),
    )
  }

  connectAll(): void {
    for (const consumer of this.consumers.flat()) consumer.connect()
  }

  /** Every consumer already waiting at the server, as if connected before the run began. */
  connectAllWaiting(): void {
    for (const consumer of this.consumers.flat()) consumer.connectWaiting()
  }

  disconnectAll(): void {
    for (const consumer of this.consumers.flat()) consumer.disconnect()
  }

  /** The XADD takes effect now. */
  add(publisher: number, channel: number, intendedMs: number, body?: Uint8Array): void {
    const sequences = (this.sequences[publisher] ??= new Array<number>(this.spec.streams).fill(0))
    const sequence = ++sequences[channel]
    this.published++
    this.server.add(channel, {publisher, sequence, intendedMs, body})
  }

  disconnect(selector: ConsumerSelector): void {
    for (const consumer of this.select(selector)) consumer.disconnect()
  }

  reconnect(selector: ConsumerSelector): void {
    for (const consumer of this.select(selector)) consumer.connect()
  }

  /** The most lagging group's entries waiting, and pending entries over all groups. */
  sample(atMs: number): StreamSample {
    let lag = 0
    let pending = 0
    for (let group = 0; group < this.spec.groups; group++) {
      lag = Math.max(lag, this.total((stream) => stream.waiting(group)))
      pending += this.total((stream) => stream.pendingCount(group))
    }
    return {atMs, lag, pending, delivered: this.ledgers.reduce((sum, ledger) => sum + ledger.delivered, 0)}
  }

  /** Every group has been handed and has acknowledged all there is. */
  get drained(): boolean {
    const sample = this.sample(0)
    return sample.lag === 0 && sample.pending === 0
  }

  groupFigures(): GroupFigures[] {
    return this.ledgers.map((ledger, group) =>
      groupFigures(groupName(group), ledger, this.published, this.total((stream) => stream.waiting(group)), this.total((stream) => stream.pendingCount(group))),
    )
  }

  private total(value: (stream: SimulatedStreamServer['streams'][number]) => number): number {
    return this.server.streams.reduce((sum, stream) => sum + value(stream), 0)
  }

  private select({group, consumer}: ConsumerSelector): SimulatedConsumer[] {
    const consumers = this.consumers[group] ?? []
    return consumer === null ? consumers : consumers.slice(consumer, consumer + 1)
  }
}
