import {connect, createServer, type Server, type Socket} from 'node:net'

export interface TcpRelay {
  port: number
  /** Bytes forwarded from the server to clients so far. */
  readonly forwarded: number
  stop(): Promise<void>
}

export interface RelayOptions {
  /** Server → client bytes per write; each write waits for the previous one to be taken by the kernel. */
  chunkBytes?: number
  /** Closes both sides once this many server → client bytes have been forwarded on a connection. */
  cutAfterBytes?: number
}

/**
 * A TCP relay on 127.0.0.1 in front of a server the test started: requests pass through as they
 * come; replies are re-chunked into `chunkBytes` writes (so a client sees them split at every
 * boundary), or cut off after `cutAfterBytes` (a server that closes the connection mid-reply).
 */
export async function startRelay(serverPort: number, options: RelayOptions = {}): Promise<TcpRelay> {
  const {chunkBytes = Number.POSITIVE_INFINITY, cutAfterBytes = Number.POSITIVE_INFINITY} = options
  const sockets = new Set<Socket>()
  let forwarded = 0
  const server: Server = createServer((client) => {
    const upstream = connect({host: '127.0.0.1', port: serverPort})
    client.setNoDelay(true)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => {
        sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream)
    let sentHere = 0
    let writing = Promise.resolve()
    upstream.on('data', (chunk: Buffer) => {
      upstream.pause()
      writing = writing.then(async () => {
        for (let at = 0; at < chunk.length && !client.destroyed; ) {
          const size = Math.min(chunkBytes, chunk.length - at, cutAfterBytes - sentHere)
          const piece = chunk.subarray(at, at + size)
          at += size
          sentHere += size
          forwarded += size
          // Waiting for each write's callback puts every piece on the wire in its own segment.
          await new Promise<void>((resolve) => client.write(piece, () => resolve()))
          if (sentHere >= cutAfterBytes) {
            client.destroy()
            upstream.destroy()
            return
          }
        }
        upstream.resume()
      })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the relay has no port')
  return {
    port: address.port,
    get forwarded() {
      return forwarded
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
