/** What a stream run is made of, whatever the target: the workload's `messaging.streams` with the channel count. */
export interface StreamSessionSpec {
  /** Run key prefix; stream i is `<prefix>stream:<i>`. */
  keyPrefix: string
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

export function streamKey(spec: StreamSessionSpec, channel: number): string {
  return `${spec.keyPrefix}stream:${channel}`
}

export function streamKeys(spec: StreamSessionSpec): string[] {
  return Array.from({length: spec.streams}, (_, channel) => streamKey(spec, channel))
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
