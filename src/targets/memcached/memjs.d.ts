/**
 * Types for the part of memjs 1.3.2 cache-bench uses (the package ships none). The library
 * speaks memcached's binary protocol; every command takes a Node-style callback.
 */
declare module 'memjs' {
  import {EventEmitter} from 'node:events'
  import type {Socket} from 'node:net'

  export interface ServerOptions {
    /** Seconds a command may wait for its reply before the connection is torn down. */
    timeout?: number
    /** Seconds a connection attempt may take. */
    conntimeout?: number
    keepAlive?: boolean
    keepAliveDelay?: number
  }

  export interface ClientOptions {
    /** Attempts per command (memjs counts the first one): 1 means never retry. */
    retries?: number
    /** Seconds between attempts. */
    retry_delay?: number
    failover?: boolean
    failoverTime?: number
    /** Default expiry in seconds. */
    expires?: number
    logger?: {log(...messages: unknown[]): void}
  }

  export type MemjsError = Error | string

  export class Server extends EventEmitter {
    constructor(host: string, port: number, username?: string, password?: string, options?: ServerOptions)
    host: string
    port: number
    /** SASL credentials; memjs falls back to MEMCACHIER_* / MEMCACHE_* environment variables. */
    username?: string
    password?: string
    close(): void

    // Internals of memjs 1.3.2 that cache-bench's connection guard relies on.
    /** The current connection, created lazily by sock(). */
    _socket?: Socket
    /** Received bytes not yet parsed into a whole reply (kept across connections by memjs). */
    responseBuffer: Buffer
    /** Pending commands' failure callbacks, by sequence number. */
    errorCallbacks: Record<string, (error: MemjsError) => void>
    /** Tears down the connection and fails every pending command with `error`. */
    error(error: MemjsError): void
    /** Opens the connection if needed, then calls `go` with it. */
    sock(sasl: boolean, go: (socket: Socket) => void): void
  }

  export class Client {
    constructor(servers: Server[], options?: ClientOptions)
    servers: Server[]
    get(key: string, callback: (error: MemjsError | null, value: Buffer | null, flags: Buffer | null) => void): void
    set(
      key: string,
      value: Buffer,
      options: {expires?: number},
      callback: (error: MemjsError | null, success: boolean | null) => void,
    ): void
    delete(key: string, callback: (error: MemjsError | null, success: boolean | null) => void): void
    /** flush_all on every server of the client; `results` maps host:port to true or the error. */
    flush(callback: (error: MemjsError | null, results: Record<string, boolean | MemjsError>) => void): void
    /** Called once per server of the client. */
    stats(callback: (error: MemjsError | null, server: string, stats: Record<string, string> | null) => void): void
    statsWithKey(key: string, callback: (error: MemjsError | null, server: string, stats: Record<string, string> | null) => void): void
    close(): void
  }
}
