import type {MessagingSpec} from '../workload/types.js'

/** One receiver as the delivery tracker counts it: a Pub/Sub subscriber, or a stream consumer group. */
export interface ReceiverPlan {
  /** `subscriber-3`, `group-1`: how reports name it. */
  name: string
  /** Channel indexes it should receive, in ascending order. */
  channels: readonly number[]
}

/** Who should receive what: the same on every target, so expected deliveries never depend on where the run went. */
export interface ReceiverLayout {
  receivers: readonly ReceiverPlan[]
  /** Receivers that should get a message published to `channel` (while they are live). */
  audience(channel: number): readonly number[]
}

/**
 * Pub/Sub: subscriber s listens to `channelsPerSubscriber` consecutive channels from
 * s × channelsPerSubscriber (wrapping), so the subscribers cover the channels evenly, or to every
 * channel. Streams: each consumer group reads every stream; its consumers share the work.
 */
export function receiverLayout(messaging: MessagingSpec): ReceiverLayout {
  const count = messaging.channels.count
  const everyChannel = Array.from({length: count}, (_, channel) => channel)
  if (messaging.streams) {
    const receivers = Array.from({length: messaging.streams.groups}, (_, group) => ({name: `group-${group}`, channels: everyChannel}))
    const all = receivers.map((_, index) => index)
    return {receivers, audience: () => all}
  }
  const {subscribers, channelsPerSubscriber} = messaging.pubsub ?? {subscribers: 0, channelsPerSubscriber: null}
  const width = channelsPerSubscriber === null ? count : Math.min(channelsPerSubscriber, count)
  const receivers: ReceiverPlan[] = Array.from({length: subscribers}, (_, subscriber) => ({
    name: `subscriber-${subscriber}`,
    channels: width === count ? everyChannel : consecutive((subscriber * width) % count, width, count),
  }))
  const audiences: number[][] = Array.from({length: count}, () => [])
  receivers.forEach((receiver, index) => {
    for (const channel of receiver.channels) audiences[channel].push(index)
  })
  return {receivers, audience: (channel) => audiences[channel]}
}

function consecutive(first: number, width: number, count: number): number[] {
  return Array.from({length: width}, (_, offset) => (first + offset) % count).sort((a, b) => a - b)
}
