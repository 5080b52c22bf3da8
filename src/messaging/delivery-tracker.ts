/**
 * Counts what each receiver got against what it should have got. A receiver should get a
 * message when it is in the audience of the message's channel and live when the message is
 * published; a message published while it is down is `missed` (Pub/Sub is at-most-once) unless it
 * arrives all the same (then it was expected), one it should have got and never did is `lost`, one
 * it got twice is `duplicated`. Delivery latency
 * runs from the message's intended publish time to its receipt, on the run's clock.
 *
 * Messages are registered before they are sent, since a server may deliver a message before it
 * replies to the publisher; a failed publish is withdrawn. A failed publish has an unknown
 * outcome: a reply that timed out or a connection that dropped may follow a command the server
 * did carry out, so its message can still arrive. It counts in `publishErrors` only, never in
 * `published` or `expected`; a receipt of it counts in `delivered` (it did arrive) but never
 * against `lost`, whether it arrives before or after the publish is known to have failed.
 */
import {DurationHistogram} from '../metrics/histogram.js'
import type {MessagingSummary, ReceiverSummary} from '../metrics/result.js'
import type {Clock} from '../time/clock.js'
import {decodeMessage, type MessageHeader} from './message-codec.js'
import type {ReceiverLayout} from './receiver-layout.js'
import {SequenceBits} from './sequence-bits.js'

/** Receivers beyond this many get no latency histogram of their own (each takes tens of kB). */
export const PER_RECEIVER_LATENCY_LIMIT = 100

/** The tracker's part of summary.messaging (the run adds fan-out, rates and the streams' figures). */
export type DeliveryCounts = Pick<MessagingSummary, 'published' | 'publishErrors' | 'delivered' | 'duplicated' | 'lost' | 'missed' | 'expectedDeliveries' | 'perReceiver'> & {
  /** Messages received that cache-bench did not publish in this run (a foreign publisher on the channel). */
  foreign: number
}

class ReceiverState {
  live = true
  delivered = 0
  /** Delivered messages that were expected: expected − this is what was lost. */
  deliveredExpected = 0
  duplicated = 0
  missed = 0
  expected = 0
  disconnects = 0
  readonly seen: SequenceBits[] = []
  /** Per publisher: sequence ranges [from, to) published while this receiver was down. */
  readonly downRanges: Array<Array<[number, number]>> = []
  /** Per publisher: messages published while it was counted down that reached it all the same, so expected ones after all. */
  readonly arrivedWhileDown: SequenceBits[] = []
  constructor(readonly latency: DurationHistogram | null) {}
}

export class DeliveryTracker {
  /** Every measured delivery, all receivers together. */
  readonly latency = new DurationHistogram()
  /** Per timeline interval: the runner reads and resets these. */
  readonly interval = {published: 0, delivered: 0, latency: new DurationHistogram()}
  private readonly receivers: ReceiverState[]
  private readonly nextSequence: number[] = []
  /** Per publisher: the first sequence that counts (those before were published during the warm-up). */
  private readonly measuredFrom: number[] = []
  /** Per publisher: sequences whose publish failed (outcome unknown); their receipts are not expected ones. */
  private readonly failedSequences: SequenceBits[] = []
  private measuring = false
  private published = 0
  private publishErrors = 0
  private foreign = 0

  constructor(
    private readonly layout: ReceiverLayout,
    private readonly clock: Clock,
  ) {
    this.receivers = layout.receivers.map((_, index) => new ReceiverState(index < PER_RECEIVER_LATENCY_LIMIT ? new DurationHistogram() : null))
    this.interval.latency.alsoRecordInto = this.latency
  }

  /** From now on messages count: those published before belong to the warm-up. */
  startMeasuring(): void {
    this.measuring = true
    this.nextSequence.forEach((next, publisher) => (this.measuredFrom[publisher] = next))
  }

  /** The header of publisher's next message; register it with `sent` before sending. */
  nextMessage(publisher: number, intendedMs: number): MessageHeader {
    const sequence = this.nextSequence[publisher] ?? 0
    this.nextSequence[publisher] = sequence + 1
    if (this.measuredFrom[publisher] === undefined) this.measuredFrom[publisher] = this.measuring ? sequence : Infinity
    return {intendedMs, publisher, sequence}
  }

  /** The message is about to be published to `channel`: its audience's live members should receive it. */
  sent(header: MessageHeader, channel: number): void {
    if (!this.counts(header)) return
    this.published++
    this.interval.published++
    for (const index of this.layout.audience(channel)) {
      const receiver = this.receivers[index]
      if (receiver.live) receiver.expected++
      else {
        receiver.missed++
        extendRange((receiver.downRanges[header.publisher] ??= []), header.sequence)
      }
    }
  }

  /** The publish failed: nobody should receive it. */
  failed(header: MessageHeader, channel: number): void {
    if (!this.counts(header)) return
    this.published--
    this.interval.published--
    this.publishErrors++
    const failedOfPublisher = (this.failedSequences[header.publisher] ??= new SequenceBits())
    failedOfPublisher.mark(header.sequence)
    for (const index of this.layout.audience(channel)) {
      const receiver = this.receivers[index]
      if (wasDown(receiver, header) && !receiver.arrivedWhileDown[header.publisher]?.has(header.sequence)) receiver.missed--
      else {
        receiver.expected--
        // Delivered before the publish was known to have failed: no longer an expected delivery.
        if (receiver.seen[header.publisher]?.has(header.sequence)) receiver.deliveredExpected--
      }
    }
  }

  received(receiver: number, payload: Uint8Array): void {
    const header = decodeMessage(payload)
    if (header === null || header.publisher >= this.nextSequence.length || header.sequence >= (this.nextSequence[header.publisher] ?? 0)) {
      this.foreign++
      return
    }
    const state = this.receivers[receiver]
    const seen = (state.seen[header.publisher] ??= new SequenceBits())
    if (seen.mark(header.sequence)) {
      if (this.counts(header)) state.duplicated++
      return
    }
    if (!this.counts(header)) return
    state.delivered++
    if (!this.failedSequences[header.publisher]?.has(header.sequence)) {
      if (wasDown(state, header)) {
        // It was counted missed, yet it came: the subscription was still (or again) in place on
        // the server when the message was published, around the disconnect or the reconnect. It
        // was an expected delivery, so delivered never exceeds expected with nothing lost.
        state.missed--
        state.expected++
        ;(state.arrivedWhileDown[header.publisher] ??= new SequenceBits()).mark(header.sequence)
      }
      state.deliveredExpected++
    }
    this.interval.delivered++
    const latencyMs = this.clock.now() - header.intendedMs
    this.interval.latency.record(latencyMs)
    state.latency?.record(latencyMs)
  }

  receiverDown(receiver: number): void {
    const state = this.receivers[receiver]
    if (!state.live) return
    state.live = false
    state.disconnects++
  }

  receiverUp(receiver: number): void {
    this.receivers[receiver].live = true
  }

  /** Expected deliveries not yet received: the run waits for these to arrive (or time out) before it ends. */
  outstanding(): number {
    return this.receivers.reduce((sum, receiver) => sum + receiver.expected - receiver.deliveredExpected, 0)
  }

  summary(): DeliveryCounts {
    const perReceiver = this.receivers.map((state, index): ReceiverSummary => ({
      name: this.layout.receivers[index].name,
      channels: this.layout.receivers[index].channels.length,
      delivered: state.delivered,
      duplicated: state.duplicated,
      lost: state.expected - state.deliveredExpected,
      missed: state.missed,
      expected: state.expected,
      disconnects: state.disconnects,
      latencyMs: state.latency ? {p50: state.latency.percentile(50), p99: state.latency.percentile(99), max: state.latency.summary().max} : null,
    }))
    const total = (field: 'delivered' | 'duplicated' | 'lost' | 'missed' | 'expected') => perReceiver.reduce((sum, receiver) => sum + receiver[field], 0)
    return {
      published: this.published,
      publishErrors: this.publishErrors,
      delivered: total('delivered'),
      duplicated: total('duplicated'),
      lost: total('lost'),
      missed: total('missed'),
      expectedDeliveries: total('expected'),
      foreign: this.foreign,
      perReceiver,
    }
  }

  destroy(): void {
    this.latency.destroy()
    this.interval.latency.destroy()
    for (const receiver of this.receivers) receiver.latency?.destroy()
  }

  private counts(header: MessageHeader): boolean {
    return header.sequence >= (this.measuredFrom[header.publisher] ?? Infinity)
  }
}

/** Sequences of one publisher arrive in order, so a down stretch grows at its end or starts a new range. */
function extendRange(ranges: Array<[number, number]>, sequence: number): void {
  const last = ranges.at(-1)
  if (last && last[1] >= sequence) last[1] = Math.max(last[1], sequence + 1)
  else ranges.push([sequence, sequence + 1])
}

function wasDown(receiver: ReceiverState, header: MessageHeader): boolean {
  const ranges = receiver.downRanges[header.publisher]
  if (!ranges) return false
  // Usually one or two ranges (one per disconnect), so a scan from the end is enough.
  for (let index = ranges.length - 1; index >= 0; index--) {
    const [from, to] = ranges[index]
    if (header.sequence >= to) return false
    if (header.sequence >= from) return true
  }
  return false
}
