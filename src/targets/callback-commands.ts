import type {CachedValue} from './cached-value.js'

export type CommandFailed = (error: Error) => void

/**
 * The hot cache commands with completion callbacks instead of promises, for the run's callback
 * path (runner/callback-slot.ts): one GET costs no promise and no microtask turn. A target offers
 * them only where its client can (the lean single-server paths); everything else — clusters,
 * ioredis and memjs, failover watching — stays on the promise methods.
 *
 * Exactly one of the two callbacks is called, once, and never inside the call that sent the
 * command (a command refused at once is failed on the next tick). Errors are command errors
 * (CacheCommandError), as the promise methods reject with.
 */
export interface CallbackCommands {
  get(key: number, replied: (value: CachedValue | null) => void, failed: CommandFailed): void
  set(key: number, value: CachedValue, ttlMs: number | null, replied: () => void, failed: CommandFailed): void
  delete(key: number, replied: () => void, failed: CommandFailed): void
}
