/** What a stream run is made of, whatever the target: the workload's `messaging.streams` with the channel count. */
export interface StreamSessionSpec {
  streams: number
  groups: number
  consumersPerGroup: number
  /** XADD MAXLEN ~ this. */
  maxlen: number
  /** XREADGROUP BLOCK, ms. */
  blockMs: number
  /** XREADGROUP COUNT: entries per read. */
  count: number
}

export function groupName(group: number): string {
  return `g${group}`
}

export function consumerName(consumer: number): string {
  return `c${consumer}`
}

/** Who a disconnect event takes down: one consumer of a group, or (`consumer` null) the whole group. */
export interface ConsumerSelector {
  group: number
  consumer: number | null
}
