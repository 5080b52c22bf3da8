import {connect as connectTcp, isIP, type Socket} from 'node:net'
import {connect as connectTls, type ConnectionOptions} from 'node:tls'
import {CacheCommandError} from '../../command-error.js'
import type {KeyBytes} from '../../key-bytes.js'
import {reconnectDelay} from '../../reconnect-delay.js'
import type {CommandChannel} from '../command-channel.js'
import {type Decode, type Fail, PendingReplies, type Settle} from './pending-replies.js'
import {type Argument, RespEncoder} from './resp-encoder.js'
import {type Reply, ReplyError, ReplyParser} from './reply-parser.js'

export interface LeanConnectionSettings {
  host: string
  port: number
  /** rediss://: the TLS options; undefined for plain TCP. */
  tls: ConnectionOptions | undefined
  username: string | null
  password: string | null
  db: number
  /** Time one command may take before it fails as a timeout. */
  timeoutMs: number
  /** Time the handshake (AUTH, SELECT, PING) of a reconnect may take. */
  connectTimeoutMs: number
  /** Commands per socket write; 1 writes each command as it is issued. */
  pipeline: number
}

type State = 'new' | 'connecting' | 'ready' | 'reconnecting' | 'closed'

const lostError = (): Error => new CacheCommandError('connection', 'the connection was lost before the reply arrived')
const timeoutError = (): Error => new CacheCommandError('timeout', 'Command timed out')
const notConnectedError = (): Error => new CacheCommandError('connection', 'not connected to the server (reconnecting)')
const notConnected = (): Promise<never> => Promise.reject(notConnectedError())
/** A callback command refused at once is told so on the next tick, as a rejected promise would be: never inside the call that sent it. */
const notConnectedLater = (fail: Fail): void => {
  process.nextTick(fail, notConnectedError())
}
const asCommandError = (reply: Reply): Error | null => (reply instanceof ReplyError ? new CacheCommandError('server', reply.message) : null)
const ignoreError = (): void => {}
const asHandshakeError = (reply: Reply): Error | null => (reply instanceof ReplyError ? reply : null)

/** Redis wants a whole number of milliseconds ≥ 1 after PX; jittered TTLs may be fractional. */
function px(ttlMs: number): number {
  return Math.max(1, Math.round(ttlMs))
}

/**
 * One connection to one Redis server speaking RESP2 itself. As with the ioredis path: no offline
 * queue (a command issued while the connection is down fails at once), nothing resent after a
 * drop (commands in flight fail as connection errors), a per-command timeout, and reconnects
 * with the same backoff. Commands issued in the same turn of the event loop, up to `pipeline` of
 * them, leave in one socket write.
 */
export class LeanConnection implements CommandChannel {
  private state: State = 'new'
  private socket: Socket | null = null
  private readonly encoder = new RespEncoder()
  private readonly pending = new PendingReplies()
  private inBatch = 0
  private flushQueued = false
  /** When the first command of the batch being built was issued; −1 when the batch is empty. */
  private batchStartedAt = -1
  private timer: NodeJS.Timeout | null = null
  private timerAt = Number.POSITIVE_INFINITY
  private reconnectTimer: NodeJS.Timeout | null = null
  private attempt = 0
  /** Only a connection that was ready once reconnects; a failed first connect is reported instead. */
  private wasReady = false
  /** The deadline of commands sent now: set per command by send(), longer for the handshake. */
  private deadlineMs: number
  /** The decoder of the command being enqueued (see getDecoded), handed over by send(). */
  private decodeNext: Decode | null = null
  /** Where plain TCP reads land (libuv's own default read size). */
  private readonly readBuffer = Buffer.allocUnsafeSlow(64 * 1024)

  constructor(
    private readonly settings: LeanConnectionSettings,
    /** Told when replies arrive, before their continuations run (see LeanConnections' affinity). */
    private readonly onReplies: (connection: LeanConnection) => void = ignoreError,
  ) {
    this.deadlineMs = settings.timeoutMs
  }

  get ready(): boolean {
    return this.state === 'ready'
  }

  get inFlight(): number {
    return this.pending.size
  }

  /** Opens the connection and authenticates; rejects with the socket's or the server's error. */
  connect(): Promise<void> {
    return this.open()
  }

  get(key: string | Buffer): Promise<Buffer | null> {
    if (this.state !== 'ready') return notConnected()
    this.batch().get(key)
    return this.send() as Promise<Buffer | null>
  }

  getDecoded<T>(key: string, decode: (reply: Buffer | null) => T): Promise<T> {
    if (this.state !== 'ready') return notConnected()
    this.batch().get(key)
    return this.send(decode as Decode) as Promise<T>
  }

  set(key: string | Buffer, value: Buffer, ttlMs: number | null): Promise<unknown> {
    if (this.state !== 'ready') return notConnected()
    this.batch().set(key, value, ttlMs === null ? null : px(ttlMs))
    return this.send()
  }

  del(key: string | Buffer): Promise<unknown> {
    if (this.state !== 'ready') return notConnected()
    this.batch().del(key)
    return this.send()
  }

  // The hot commands with a completion callback instead of a promise (see CallbackCommands), of
  // key ids named by `keys`: `settle` gets the reply (decoded for a GET), `fail` a command error,
  // exactly one of them once.

  getThen<T>(keys: KeyBytes, key: number, decode: (reply: Buffer | null) => T, settle: (decoded: T) => void, fail: Fail): void {
    if (this.state !== 'ready') return notConnectedLater(fail)
    this.batch().getKey(keys, key)
    this.sendWith(settle as Settle, fail, decode as Decode)
  }

  setThen(keys: KeyBytes, key: number, value: Buffer, ttlMs: number | null, settle: Settle, fail: Fail): void {
    if (this.state !== 'ready') return notConnectedLater(fail)
    this.batch().setKey(keys, key, value, ttlMs === null ? null : px(ttlMs))
    this.sendWith(settle, fail, null)
  }

  delThen(keys: KeyBytes, key: number, settle: Settle, fail: Fail): void {
    if (this.state !== 'ready') return notConnectedLater(fail)
    this.batch().delKey(keys, key)
    this.sendWith(settle, fail, null)
  }

  /** Any other command (SCAN, UNLINK, INFO, FLUSHALL…); an error reply rejects as a server error. */
  command(args: readonly Argument[]): Promise<Reply> {
    if (this.state !== 'ready') return notConnected()
    this.batch().command(args)
    return this.send()
  }

  /** Drops the connection for good: commands waiting fail as connection errors, no reconnect. */
  close(): void {
    this.state = 'closed'
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer)
    this.clearTimer()
    this.socket?.destroy()
    this.socket = null
    this.pending.failAll(lostError)
  }

  private send(decode: Decode | null = null): Promise<Reply> {
    this.decodeNext = decode
    const reply = new Promise<Reply>(this.enqueue)
    this.batched()
    return reply
  }

  private sendWith(settle: Settle, fail: Fail, decode: Decode | null): void {
    this.decodeNext = decode
    this.enqueue(settle, fail)
    this.batched()
  }

  /** The encoder, once the batch has room for one more command: a full batch is written first. */
  private batch(): RespEncoder {
    if (this.inBatch >= this.settings.pipeline) this.flush()
    return this.encoder
  }

  /** The command just encoded joins the batch, written at the turn's end (or when a command finds it full). */
  private batched(): void {
    this.inBatch++
    if (!this.flushQueued) {
      this.flushQueued = true
      // At the end of this turn of the event loop, not of this tick: replies a turn reads in
      // several chunks (or for several commands of one batch) then start commands that leave
      // together. Flushed at the tick's end, batches at --pipeline 16 over 50 connections
      // settled at 5–6 commands per write; at the turn's end they stay at 16 (GETs per second
      // 1.4–3.2× in alternating runs against a local redis-server), as on the memcached path.
      // A full batch waits for the turn's end too (see batch()), so the turn's writes leave one
      // after another and find the server awake: written as each filled, each write woke it
      // again. Client CPU per GET at --pipeline 1 fell by 1.18× (median of 21 interleaved
      // rounds, 19 cheaper); at --pipeline 16 it was unchanged (0.999, 41 rounds).
      setImmediate(this.flushAtTurnEnd)
    }
  }

  private readonly enqueue = (settle: (reply: Reply) => void, fail: (error: Error) => void): void => {
    // One clock reading per batch: its commands are issued within one tick, microseconds apart.
    if (this.batchStartedAt < 0) this.batchStartedAt = performance.now()
    const deadline = this.batchStartedAt + this.deadlineMs
    this.pending.push(settle, fail, deadline, this.decodeNext)
    this.decodeNext = null
    if (deadline < this.timerAt) this.armTimer(deadline)
  }

  private flush(): void {
    this.inBatch = 0
    this.batchStartedAt = -1
    if (this.encoder.size > 0) this.socket?.write(this.encoder.take())
  }

  private readonly flushAtTurnEnd = (): void => {
    this.flushQueued = false
    if (this.inBatch > 0) this.flush()
  }

  private armTimer(at: number): void {
    this.clearTimer()
    this.timerAt = at
    this.timer = setTimeout(this.onTimer, Math.max(0, at - performance.now()) + 1)
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.timerAt = Number.POSITIVE_INFINITY
  }

  private readonly onTimer = (): void => {
    this.timer = null
    this.timerAt = Number.POSITIVE_INFINITY
    const next = this.pending.expire(performance.now(), timeoutError)
    if (next !== null) this.armTimer(next)
  }

  /** Socket, then AUTH / SELECT / PING in one write; PING makes a server that needs a password say NOAUTH. */
  private async open(): Promise<void> {
    const {host, port, tls, username, password, db} = this.settings
    this.state = 'connecting'
    const parser = new ReplyParser(
      (reply) => this.onReply(reply),
      (data, start, length) => this.pending.settleNextAt(data, start, length),
    )
    /** False once the socket is no longer this connection's: it stops reading. */
    const read = (chunk: Buffer): boolean => {
      if (this.socket !== socket) return false
      this.onReplies(this)
      try {
        parser.feed(chunk)
      } catch (error) {
        socket.destroy(error as Error)
      }
      return true
    }
    // Plain TCP reads into one buffer per connection, used again for every read: no allocation
    // and no stream 'data' event per read (raw sockets doing pipelined GETs at depth 16 against a
    // local redis-server: 1.1-1.3 µs of CPU per GET so, 1.4-1.9 µs with 'data' events). TLS
    // sockets take no such buffer.
    const onread = {buffer: this.readBuffer, callback: (bytes: number, buffer: Buffer) => read(buffer.subarray(0, bytes))}
    const socket = tls ? connectTls({host, port, servername: isIP(host) ? undefined : host, ...tls}) : connectTcp({host, port, onread})
    this.socket = socket
    socket.setNoDelay(true)
    // Every error also closes the socket, and the close is what fails the commands and reconnects.
    socket.on('error', ignoreError)
    if (tls) socket.on('data', read)
    const closed = new Promise<never>((_, reject) => {
      socket.once('error', reject)
      socket.once('close', () => reject(lostError()))
    })
    closed.catch(() => {})
    socket.once('close', () => this.onClose(socket))
    await Promise.race([new Promise((resolve) => socket.once(tls ? 'secureConnect' : 'connect', resolve)), closed])
    const handshake: Array<Promise<Reply>> = []
    this.deadlineMs = this.settings.connectTimeoutMs
    this.inBatch = 0
    this.batchStartedAt = -1
    this.encoder.clear()
    if (password !== null) handshake.push(this.handshake(username === null ? ['AUTH', password] : ['AUTH', username, password]))
    if (db !== 0) handshake.push(this.handshake(['SELECT', db]))
    handshake.push(this.handshake(['PING']))
    this.flush()
    this.deadlineMs = this.settings.timeoutMs
    await Promise.race([Promise.all(handshake), closed])
    if (this.socket !== socket) throw lostError()
    this.state = 'ready'
    this.wasReady = true
    this.attempt = 0
  }

  private handshake(args: readonly Argument[]): Promise<Reply> {
    this.encoder.command(args)
    return new Promise<Reply>(this.enqueue)
  }

  private onReply(reply: Reply): void {
    const asError = this.state === 'ready' ? asCommandError : asHandshakeError
    if (!this.pending.settleNext(reply, asError)) this.socket?.destroy(new Error('the server sent a reply nobody asked for'))
  }

  private onClose(socket: Socket): void {
    if (this.socket !== socket) return
    this.socket = null
    this.encoder.clear()
    this.inBatch = 0
    this.batchStartedAt = -1
    this.pending.failAll(lostError)
    this.clearTimer()
    if (this.state !== 'closed' && this.wasReady && this.reconnectTimer === null) this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    this.state = 'reconnecting'
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      if (this.state !== 'reconnecting') return
      // A failed attempt ends in the socket's close, which schedules the next one.
      this.open().catch(() => this.socket?.destroy())
    }, reconnectDelay(this.attempt++))
  }
}
