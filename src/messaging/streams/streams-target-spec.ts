import type {DisconnectRole, MessagingSpec} from '../../workload/types.js'
import type {ConsumerSelector, StreamSessionSpec} from './stream-session-spec.js'

/** Entries one XREADGROUP asks for (COUNT): enough to keep up with a burst, small enough to keep each reply short. */
export const READ_COUNT = 100

/** The stream run a messaging workload describes. */
export function streamSessionSpec(messaging: MessagingSpec): StreamSessionSpec {
  const streams = messaging.streams
  if (!streams) throw new Error('a Streams target needs messaging.streams')
  return {streams: messaging.channels.count, groups: streams.groups, consumersPerGroup: streams.consumersPerGroup, maxlen: streams.maxlen, blockMs: streams.blockMs, count: READ_COUNT}
}

/** Consumers are numbered in group order (group 0's first, …), as a disconnect event's `count` takes them. */
export function consumerSelectors(spec: StreamSessionSpec, role: DisconnectRole, indexes: readonly number[]): ConsumerSelector[] {
  if (role !== 'consumer') return []
  return indexes.map((index) => ({group: Math.floor(index / spec.consumersPerGroup), consumer: index % spec.consumersPerGroup}))
}
