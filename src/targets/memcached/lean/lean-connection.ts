import {connect, type Socket} from 'node:net'
import {performance} from 'node:perf_hooks'
import {CacheCommandError, classifyCommandError} from '../../command-error.js'
import type {KeyBytes} from '../../key-bytes.js'
import {type Decode, EXPECT, type Expected, type Fail, PendingReplies, type Settle} from './pending-replies.js'
import {ProtocolError, ReplyParser, type ReplySink, STATUS} from './reply-parser.js'
import {RequestBuffer} from './request-buffer.js'
import {ConnectBackoff} from '../../reconnect-delay.js'

/** Bytes read from the socket at a time (libuv's own default read size). */
const READ_BUFFER_BYTES = 64 * 1024

export interface ConnectionSettings {
  host: string
  port: number
  /** `host:port`, named in every error. */
  endpoint: string
  /** Commands per socket write at most (1 = each command written on its own). */
  pipeline: number
}

/**
 * One socket to a memcached server, speaking the meta protocol with pipelining: commands issued
 * in the same turn of the event loop are encoded into one buffer and leave in one write (at most
 * `pipeline` per write); replies are matched to commands by order.
 *
 * Failure behaviour: the socket is opened on first use and again on the first command after it
 * was lost; a lost connection fails every pending command at once as a connection error; a
 * command past its time limit tears the connection down and fails every pending command as a
 * timeout (memjs does the same: after a timeout the reply stream cannot be trusted to catch up,
 * and a hung server must not collect an unbounded queue). After a connect that failed, commands
 * fail at once until a backoff has passed (ConnectBackoff, the Redis paths' delays): with a
 * connect attempt per command batch, a run whose server had died crawled through its remaining
 * operations at a few thousand a second, each paying for a refused connect.
 */
export class LeanConnection implements ReplySink {
  private socket: Socket | null = null
  private readonly requests = new RequestBuffer()
  private readonly parser = new ReplyParser(this)
  private readonly pending = new PendingReplies()
  private flushQueued = false
  /** When the first command of the batch being built was issued; −1 when the batch is empty. */
  private batchStartedAt = -1
  private closed = false
  private readonly backoff = new ConnectBackoff()
  private statLines: Record<string, string> = {}
  private readonly readBuffer = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES)

  constructor(
    private readonly settings: ConnectionSettings,
    /** Told when replies arrive, before their continuations run (see LeanNode's affinity). */
    private readonly onReplies: (connection: LeanConnection) => void = () => {},
  ) {}

  /** Commands sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size
  }

  /** Open or able to open on the next command: not closed by the client. */
  get usable(): boolean {
    return !this.closed
  }

  /** The value as `decode` reads it in place (see NodeClient.get), or null on a miss. */
  get<T>(key: string, decode: (data: Buffer) => T, limitMs: number): Promise<T | null> {
    const socket = this.open()
    if (socket === null) return this.unavailableError()
    this.batch().get(key)
    return this.expect(EXPECT.value, limitMs, decode)
  }

  set(key: string, value: Buffer, expiry: number, limitMs: number): Promise<void> {
    const socket = this.open()
    if (socket === null) return this.unavailableError()
    this.batch().set(key, value, expiry)
    return this.expect(EXPECT.stored, limitMs)
  }

  /** True when the key existed. */
  delete(key: string, limitMs: number): Promise<boolean> {
    const socket = this.open()
    if (socket === null) return this.unavailableError()
    this.batch().delete(key)
    return this.expect(EXPECT.deleted, limitMs)
  }

  // The hot commands with a completion callback instead of a promise (see CallbackCommands), of
  // key ids named by `keys`: exactly one of `settle` and `fail` is called, once, never inside
  // the call that sent it.

  getThen<T>(keys: KeyBytes, key: number, decode: (data: Buffer) => T, limitMs: number, settle: (value: T | null) => void, fail: Fail): void {
    if (this.open() === null) return this.unavailableLater(fail)
    this.batch().getKey(keys, key)
    this.expectWith(EXPECT.value, limitMs, settle as Settle, fail, decode)
  }

  setThen(keys: KeyBytes, key: number, value: Buffer, expiry: number, limitMs: number, settle: () => void, fail: Fail): void {
    if (this.open() === null) return this.unavailableLater(fail)
    this.batch().setKey(keys, key, value, expiry)
    this.expectWith(EXPECT.stored, limitMs, settle, fail, null)
  }

  deleteThen(keys: KeyBytes, key: number, limitMs: number, settle: () => void, fail: Fail): void {
    if (this.open() === null) return this.unavailableLater(fail)
    this.batch().deleteKey(keys, key)
    this.expectWith(EXPECT.deleted, limitMs, settle, fail, null)
  }

  stats(limitMs: number): Promise<Record<string, string>> {
    return this.text('stats', EXPECT.stats, limitMs)
  }

  serverSettings(limitMs: number): Promise<Record<string, string>> {
    return this.text('stats settings', EXPECT.stats, limitMs)
  }

  flushAll(limitMs: number): Promise<void> {
    return this.text('flush_all', EXPECT.ok, limitMs)
  }

  /** Fails commands past their deadline (a tear-down, see the class comment); called by the node's sweeper. */
  sweep(now: number): void {
    const limitMs = this.pending.overdue(now)
    if (limitMs < 0) return
    const endpoint = this.settings.endpoint
    this.drop((limit) =>
      limit === limitMs
        ? new CacheCommandError('timeout', `${endpoint}: no reply within ${limit} ms`)
        : new CacheCommandError('timeout', `${endpoint}: no reply within ${limitMs} ms to an earlier command on the connection`),
    )
  }

  /** Fails whatever is pending and closes the socket; the connection is unusable afterwards. */
  close(): void {
    this.closed = true
    this.drop(() => new CacheCommandError('connection', `${this.settings.endpoint}: connection closed by the client`))
  }

  // ReplySink: the parser's calls, one per reply, for the oldest pending command.

  value(data: Buffer, start: number, length: number): void {
    if (this.pending.peek() !== EXPECT.value) throw new ProtocolError('a value nobody asked for')
    // Decoded here, while the view into the read buffer is valid: no copy of the value.
    this.pending.decodeOldest(data, start, length)
  }

  status(code: number): void {
    const expected = this.pending.peek()
    if (expected === EXPECT.value && code === STATUS.miss) this.pending.resolveOldest(null)
    else if ((expected === EXPECT.stored || expected === EXPECT.deleted) && code === STATUS.stored) this.pending.resolveOldest(expected === EXPECT.deleted ? true : undefined)
    else if (expected === EXPECT.deleted && code === STATUS.notFound) this.pending.resolveOldest(false)
    else if (expected === EXPECT.stored && code === STATUS.notStored) this.pending.rejectOldest(this.serverError('not stored'))
    else if (code === (('O'.charCodeAt(0) << 8) | 'K'.charCodeAt(0)) && expected === EXPECT.ok) this.pending.resolveOldest(undefined)
    else throw new ProtocolError(`an unexpected reply "${String.fromCharCode(code >> 8, code & 0xff)}"`)
  }

  line(text: string): void {
    const expected = this.pending.peek()
    if (expected === undefined) throw new ProtocolError(`a reply nobody asked for: "${text.slice(0, 80)}"`)
    if (text === 'ERROR' || text.startsWith('CLIENT_ERROR ') || text.startsWith('SERVER_ERROR ')) {
      this.statLines = {}
      this.pending.rejectOldest(this.serverError(text))
    } else if (expected === EXPECT.stats && text.startsWith('STAT ')) {
      const space = text.indexOf(' ', 5)
      if (space > 0) this.statLines[text.slice(5, space)] = text.slice(space + 1)
    } else if (expected === EXPECT.stats && text === 'END') {
      const stats = this.statLines
      this.statLines = {}
      this.pending.resolveOldest(stats)
    } else {
      throw new ProtocolError(`an unexpected reply "${text.slice(0, 80)}"`)
    }
  }

  private text<T>(command: string, expected: Expected, limitMs: number): Promise<T> {
    const socket = this.open()
    if (socket === null) return this.unavailableError()
    this.batch().text(command)
    return this.expect(expected, limitMs)
  }

  private expect<T>(expected: Expected, limitMs: number, decode: Decode | null = null): Promise<T> {
    return new Promise<T>((resolve, reject) => this.expectWith(expected, limitMs, resolve as Settle, reject, decode))
  }

  private expectWith(expected: Expected, limitMs: number, settle: Settle, fail: Fail, decode: Decode | null): void {
    // One clock reading per batch: its commands are issued within one turn of the event loop,
    // microseconds apart, and a deadline is only checked by the coarse sweeper anyway.
    if (this.batchStartedAt < 0) this.batchStartedAt = performance.now()
    this.pending.push(expected, this.batchStartedAt + limitMs, limitMs, settle, fail, decode)
    if (!this.flushQueued) {
      this.flushQueued = true
      // At the end of this turn of the event loop rather than of this callback: replies from
      // several connections read in one turn then start commands that share writes (measured:
      // ~14 rather than ~7 GETs per write at --pipeline 16 over 50 connections). A full batch
      // waits for the turn's end too (it is written early only when another command finds it
      // full): the turn's writes then leave one after another, and the server, woken by the
      // first, finds the rest waiting instead of being woken again for each. Waiting, client CPU
      // per GET fell by 1.19× at --pipeline 16 (system time 2.1 -> 1.4 µs a GET) and 1.22× at
      // --pipeline 1 (medians of 31 and 21 interleaved rounds on a 2-core VM).
      setImmediate(flushLater, this)
    }
  }

  /** The request buffer, once the batch has room for one more command: a full batch is written first. */
  private batch(): RequestBuffer {
    if (this.requests.commands >= this.settings.pipeline) this.flush()
    return this.requests
  }

  /** Sends the batch built so far in one write. */
  flush(): void {
    this.flushQueued = false
    this.batchStartedAt = -1
    if (this.requests.empty || this.socket === null) return
    this.socket.write(this.requests.take())
  }

  /** The current socket, opened if there is none; null once closed, or while waiting to reconnect. */
  private open(): Socket | null {
    if (this.closed) return null
    if (this.socket !== null) return this.socket
    if (this.backoff.holding()) return null
    const {host, port, endpoint} = this.settings
    // Writes before the connection is up are queued by the socket itself.
    // Reads land in one buffer per connection, reused: no allocation per read.
    const read = (bytes: number, buffer: Buffer): boolean => {
      if (this.socket !== socket) return false
      this.onReplies(this)
      try {
        this.parser.feed(buffer.subarray(0, bytes))
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error
        this.drop(() => new CacheCommandError('connection', `${endpoint}: the server sent ${error.message}`))
      }
      return true
    }
    const socket = connect({host, port, noDelay: true, onread: {buffer: this.readBuffer, callback: read}})
    this.socket = socket
    let opened = false
    socket.once('connect', () => {
      opened = true
      if (this.socket === socket) this.backoff.opened()
    })
    socket.on('error', (error) => {
      if (this.socket !== socket) return
      if (!opened) this.backoff.failed()
      this.drop(() => new CacheCommandError(classifyCommandError(error), `${endpoint}: ${error.message}`))
    })
    socket.on('close', () => {
      if (this.socket !== socket) return
      if (!opened) this.backoff.failed()
      this.drop(() => new CacheCommandError('connection', `${endpoint}: connection closed by the server`))
    })
    return socket
  }

  private drop(errorFor: (limitMs: number) => CacheCommandError): void {
    const socket = this.socket
    this.socket = null
    socket?.destroy()
    this.parser.reset()
    this.requests.discard()
    this.batchStartedAt = -1
    this.statLines = {}
    this.pending.failAll(errorFor)
  }

  private serverError(message: string): CacheCommandError {
    return new CacheCommandError('server', `${this.settings.endpoint}: ${message}`)
  }

  private unavailableError<T>(): Promise<T> {
    return Promise.reject(this.unavailable())
  }

  private unavailableLater(fail: Fail): void {
    process.nextTick(fail, this.unavailable())
  }

  /** Why a command cannot be sent now: the client closed the connection, or it waits to reconnect. */
  private unavailable(): CacheCommandError {
    const {endpoint} = this.settings
    return new CacheCommandError('connection', this.closed ? `${endpoint}: connection closed by the client` : `${endpoint}: not connected (reconnecting)`)
  }
}

function flushLater(connection: LeanConnection): void {
  connection.flush()
}
