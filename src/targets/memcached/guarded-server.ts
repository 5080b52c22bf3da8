import type {Socket} from 'node:net'
import {Server, type ServerOptions} from 'memjs'
import {ConnectBackoff} from '../reconnect-delay.js'

/**
 * A memjs server connection with two gaps of memjs 1.3.2 closed:
 *
 * - When the server closes the connection in an orderly way (a killed memcached often does),
 *   memjs forgets the socket but never fails the commands still waiting on it, so they would
 *   wait forever. Here they fail at once as connection errors.
 * - memjs keeps the bytes of a partly received reply across connections: after a connection
 *   closed mid-reply, every reply on the next connection would be read behind that stale
 *   prefix, so no command would ever be answered again. The partial reply is dropped with the
 *   connection it came on.
 * - memjs can lose track of a socket (a late 'close' of an old socket clears the new one), and
 *   its close() only ends the socket it knows. Every socket is tracked here so destroy() can
 *   release them all and a finished run never waits on a dead node.
 *
 * - memjs opens a new socket for every request after a lost one: a run whose server had died
 *   paid for a refused connect per request. After a connect that failed, requests fail at once
 *   until a backoff has passed (ConnectBackoff, the other paths' delays).
 *
 * memjs writes every request with its own socket write, one system call each. With
 * `batchLimit` > 1, requests issued in the same tick of the event loop (up to that many) are
 * corked and leave in one write: the binary protocol matches replies by sequence number, so
 * this is pipelining without any change to the commands.
 */
export class GuardedServer extends Server {
  private readonly sockets = new Set<Socket>()
  private destroyed = false
  private batched = 0
  private readonly backoff = new ConnectBackoff()

  constructor(
    host: string,
    port: number,
    username: string | undefined,
    password: string | undefined,
    options: ServerOptions,
    private readonly batchLimit = 1,
  ) {
    super(host, port, username, password, options)
    // Only the target URL supplies credentials, never memjs's environment-variable fallback.
    this.username = username
    this.password = password
  }

  override sock(sasl: boolean, go: (socket: Socket) => void): void {
    if (this.destroyed) {
      this.error(new Error('connection closed by the client'))
      return
    }
    if (this._socket === undefined && this.backoff.holding()) {
      this.error(new Error('not connected (reconnecting)'))
      return
    }
    const before = this._socket
    super.sock(sasl, this.batchLimit > 1 && !sasl ? (socket) => this.batchThenGo(socket, go) : go)
    const socket = this._socket
    if (socket && socket !== before && !this.sockets.has(socket)) this.watch(socket)
  }

  private batchThenGo(socket: Socket, go: (socket: Socket) => void): void {
    if (socket.writableCorked === 0) {
      socket.cork()
      this.batched = 0
      process.nextTick(uncork, socket)
    }
    go(socket)
    if (++this.batched >= this.batchLimit) socket.uncork()
  }

  private watch(socket: Socket): void {
    this.sockets.add(socket)
    let opened = false
    socket.once('connect', () => {
      opened = true
      this.backoff.opened()
    })
    // A failed connect waits for the backoff; a lost connection is opened again at once. Before
    // memjs's own listener, which forgets the socket.
    socket.prependOnceListener('error', () => {
      if (!opened && this._socket === socket) this.backoff.failed()
    })
    // Runs before memjs's own 'close' listener, while _socket still names this socket.
    socket.prependOnceListener('close', () => {
      this.sockets.delete(socket)
      if (this._socket === socket) this.responseBuffer = Buffer.alloc(0)
      if (this._socket === socket && Object.keys(this.errorCallbacks).length > 0) {
        this.error(new Error('connection closed by the server'))
      }
    })
  }

  override error(error: Error | string): void {
    this.responseBuffer = Buffer.alloc(0)
    super.error(error)
  }

  /** Fails whatever is pending and releases every socket; the server is unusable afterwards. */
  destroy(): void {
    this.destroyed = true
    this.error(new Error('connection closed by the client'))
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }
}

function uncork(socket: Socket): void {
  socket.uncork()
}
