import type {ConsumerSelector} from './stream-session-spec.js'

/** A consumer (or whole group) that drops its connection at `atMs` and comes back `forMs` later. */
export interface ConsumerOutage extends ConsumerSelector {
  atMs: number
  forMs: number
}

/** The load of a stand-alone stream run: one publisher in an open loop over the streams round-robin. */
export interface StreamLoad {
  messages: number
  /** Message i is due at i / rate. */
  ratePerSec: number
  payloadBytes: number
  /** Lag and pending are sampled this often during the load. */
  sampleEveryMs: number
  outages: ConsumerOutage[]
  /** After the load, how long consumers get to read what is left. */
  drainTimeoutMs: number
}

/** When message `index` is due. */
export function intendedTime(load: StreamLoad, index: number): number {
  return (index * 1000) / load.ratePerSec
}
