import type {FlowIo} from './flow.js'

/**
 * What a strategy built on the read path wants to hear about (refresh-ahead tracks expiry). In a
 * file of its own: the read path and the plain read flow it builds both need it, and neither
 * should import the other's types back.
 */
export interface ReadPathHooks {
  hit?(key: number, io: FlowIo): void
  /** The cache now holds a value for key set with this TTL. */
  filled?(key: number, ttlMs: number | null): void
}
