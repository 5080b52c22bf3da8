import type {KeyBytes} from '../key-bytes.js'
import type {NodeStats} from './memcached-stats.js'

export interface NodeSettings {
  host: string
  port: number
  /** Sockets to this node; commands go round-robin over them. */
  connections: number
  /** Requests per socket write at most (1 = each request written on its own). */
  pipeline: number
  timeoutMs: number
  connectTimeoutMs: number
  username: string | null
  password: string | null
}

/** One memcached server as the target uses it, whichever client path speaks to it. */
export interface NodeClient {
  /** `host:port` */
  readonly name: string
  /** Opens every connection; resolves with the node's stats, rejects if any connection fails. */
  open(): Promise<NodeStats>
  /**
   * The value of `key` as `decode` reads it, or null on a miss. `decode` may be handed a view of
   * the client's read buffer that is valid only during the call: it must copy what it keeps.
   * Decoding where the value lies spares a copy of every value read.
   */
  get<T>(key: string, decode: (data: Buffer) => T): Promise<T | null>
  set(key: string, value: Buffer, expires: number): Promise<unknown>
  /** True when the key existed. */
  delete(key: string): Promise<boolean>
  /** The lean path's callback forms of get, set and delete (see CallbackCommands), of key ids named by `keys`: no promise per command. */
  getThen?<T>(keys: KeyBytes, key: number, decode: (data: Buffer) => T, settle: (value: T | null) => void, fail: (error: Error) => void): void
  setThen?(keys: KeyBytes, key: number, value: Buffer, expires: number, settle: () => void, fail: (error: Error) => void): void
  deleteThen?(keys: KeyBytes, key: number, settle: () => void, fail: (error: Error) => void): void
  /** flush_all: the node drops every item, as a node replaced by an empty one. */
  flush(): Promise<void>
  stats(): Promise<NodeStats>
  /** The node's `stats settings` reply (item_size_max among them). */
  serverSettings(): Promise<Record<string, string>>
  /** Never waits: fails whatever is pending and drops every socket, reachable or not. */
  close(): void
}

/** How often pending commands are checked against their deadlines: a fraction of the shortest limit, within 5–250 ms. */
export function sweepIntervalMs(settings: NodeSettings): number {
  return Math.min(250, Math.max(5, Math.min(settings.timeoutMs, settings.connectTimeoutMs) / 4))
}
