import {performance} from 'node:perf_hooks'
import {parseNodeStats, type NodeStats} from '../memcached-stats.js'
import {type NodeClient, type NodeSettings, sweepIntervalMs} from '../node-client.js'
import {ConnectionRounds} from '../../connection-rounds.js'
import type {KeyBytes} from '../../key-bytes.js'
import {LeanConnection} from './lean-connection.js'

/**
 * One memcached server over `connections` lean sockets (meta protocol, pipelined). Commands go
 * round-robin over the sockets; one coarse timer checks every pending command's deadline,
 * instead of a timer per command.
 */
export class LeanNode implements NodeClient {
  readonly name: string
  private readonly connections: LeanConnection[] = []
  private readonly rounds: ConnectionRounds<LeanConnection>
  private sweeper: NodeJS.Timeout | null = null
  /** The connection whose replies are being handled right now (affinity, see connection()). */
  private replying: LeanConnection | null = null

  constructor(private readonly settings: NodeSettings) {
    this.name = `${settings.host}:${settings.port}`
    for (let i = 0; i < settings.connections; i++) {
      const connection = new LeanConnection({host: settings.host, port: settings.port, endpoint: this.name, pipeline: settings.pipeline}, this.noteReplies)
      this.connections.push(connection)
    }
    this.rounds = new ConnectionRounds(this.connections, settings.pipeline)
  }

  async open(): Promise<NodeStats> {
    this.startSweeping()
    const limitMs = this.settings.connectTimeoutMs
    const replies = await Promise.all(this.connections.map((connection) => connection.stats(limitMs)))
    return parseNodeStats(replies[0])
  }

  get<T>(key: string, decode: (data: Buffer) => T): Promise<T | null> {
    return this.connection().get(key, decode, this.settings.timeoutMs)
  }

  set(key: string, value: Buffer, expires: number): Promise<void> {
    return this.connection().set(key, value, expires, this.settings.timeoutMs)
  }

  delete(key: string): Promise<boolean> {
    return this.connection().delete(key, this.settings.timeoutMs)
  }

  getThen<T>(keys: KeyBytes, key: number, decode: (data: Buffer) => T, settle: (value: T | null) => void, fail: (error: Error) => void): void {
    this.connection().getThen(keys, key, decode, this.settings.timeoutMs, settle, fail)
  }

  setThen(keys: KeyBytes, key: number, value: Buffer, expires: number, settle: () => void, fail: (error: Error) => void): void {
    this.connection().setThen(keys, key, value, expires, this.settings.timeoutMs, settle, fail)
  }

  deleteThen(keys: KeyBytes, key: number, settle: () => void, fail: (error: Error) => void): void {
    this.connection().deleteThen(keys, key, this.settings.timeoutMs, settle, fail)
  }

  flush(): Promise<void> {
    return this.connections[0].flushAll(this.settings.timeoutMs)
  }

  async stats(): Promise<NodeStats> {
    return parseNodeStats(await this.connections[0].stats(this.settings.timeoutMs))
  }

  serverSettings(): Promise<Record<string, string>> {
    return this.connections[0].serverSettings(this.settings.timeoutMs)
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper)
    this.sweeper = null
    for (const connection of this.connections) connection.close()
  }

  /** The connection whose replies caused this command while it has room, else the next in rounds of `pipeline` (ConnectionRounds). */
  private connection(): LeanConnection {
    if (this.sweeper === null) this.startSweeping()
    // Affinity: Node runs the promise continuations of one socket's replies before the next
    // socket event, so commands issued meanwhile were caused by this connection's replies and
    // go back on it, and a batch that came back together leaves together. Only up to `pipeline`
    // in flight: the connection that answered last stays "replying" afterwards, and every command
    // issued later (a run's first ones, right after the stats replies of open()) used to follow
    // it, so a run at --pipeline 16 over 50 connections sent nearly all its commands on one or two.
    const replying = this.replying
    if (replying !== null && replying.usable && this.rounds.hasRoom(replying)) return replying
    return this.rounds.pick()
  }

  private readonly noteReplies = (connection: LeanConnection): void => {
    this.replying = connection
  }

  private startSweeping(): void {
    if (this.sweeper !== null) return
    this.sweeper = setInterval(() => {
      const now = performance.now()
      for (const connection of this.connections) connection.sweep(now)
    }, sweepIntervalMs(this.settings))
    // Sweeping must never keep a finished process alive.
    this.sweeper.unref()
  }
}
