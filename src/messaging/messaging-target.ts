/**
 * Where messages go: one interface for Pub/Sub and Streams, on real servers and in simulated
 * time. The runner publishes and counts; a target moves bytes, keeps its receivers reading, and
 * tells the sink what arrived and when a receiver lost or regained its connection.
 */
import type {Clock} from '../time/clock.js'
import type {TargetOptions} from '../targets/target-options.js'
import type {TargetUrl} from '../targets/target-url.js'
import type {DisconnectRole, MessagingSpec, Workload} from '../workload/types.js'
import type {ReceiverLayout} from './receiver-layout.js'
import type {GroupFigures} from './streams/stream-figures.js'

/** What a target reports to; the runner's delivery tracker stands behind it. */
export interface DeliverySink {
  /** Receiver `receiver` (index in the layout) got `payload`, exactly as published. */
  received(receiver: number, payload: Uint8Array): void
  /**
   * The receiver stops receiving: called before an event closes its connection, or when the
   * target notices the server closed it. Pub/Sub: what is published to it from now on is missed.
   */
  receiverDown(receiver: number): void
  /** The receiver receives again: called once its subscription is confirmed (SUBSCRIBE's reply). */
  receiverUp(receiver: number): void
}

export interface MessagingContext {
  workload: Workload
  messaging: MessagingSpec
  layout: ReceiverLayout
  clock: Clock
  options: TargetOptions
  sink: DeliverySink
}

/** Streams: consumer-group figures sampled during the run. */
export interface MessagingSample {
  /** Largest lag over the groups (entries added but not yet delivered to the group). */
  lag: number
  /** Entries delivered to consumers and not yet acknowledged, over all groups. */
  pending: number
}

/** Figures a target knows at the end and the tracker does not. */
export interface MessagingFinal {
  lag: {max: number; final: number} | null
  pending: number | null
  trimmedBeforeRead: number | null
  /** Streams: whether every group read and acknowledged all there was; null for Pub/Sub. */
  drained: boolean | null
  /** Streams: each group's account, in group order; null for Pub/Sub. */
  groups: GroupFigures[] | null
  /** Keys (streams) deleted at the end; 0 for Pub/Sub, which leaves nothing behind. */
  keysDeleted: number
  warnings: string[]
}

export interface MessagingTarget {
  readonly kind: 'pubsub' | 'streams'
  /** Connects publishers and receivers; resolves once every receiver is ready to receive. */
  connect(): Promise<void>
  /**
   * Publishes one message; resolves to the receivers the server says it reached (PUBLISH's reply),
   * or null where the server says nothing of the kind (XADD). Rejects when the command failed.
   */
  publish(publisher: number, channel: number, message: Buffer): Promise<number | null>
  /** An event: receivers (subscriber or consumer indexes, 0-based) drop their connections; resolves when they are down. */
  disconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void>
  /** They come back; resolves once they receive again. */
  reconnect(role: DisconnectRole, indexes: readonly number[]): Promise<void>
  /** Streams: lag and pending now; null for Pub/Sub. */
  sample(): Promise<MessagingSample | null>
  /** After the last delivery: final figures; deletes what the run created unless told to keep keys. */
  finish(): Promise<MessagingFinal>
  /** Drops every connection; never waits on a server. */
  close(): void
}

/** Builds a target for one URL; `null` when this scheme has no such kind. */
export type MessagingTargetFactory = (url: TargetUrl, context: MessagingContext) => MessagingTarget
