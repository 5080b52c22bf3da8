import {connect, createServer, type Server, type Socket} from 'node:net'

/**
 * A TCP relay on 127.0.0.1 in front of a real server, to shape what the client receives:
 * requests pass through untouched; replies go out one byte per write (each write waits for the
 * next turn of the event loop, so a client in this process reads them in many small pieces),
 * or are cut: after `cutAfter` more bytes of reply the relay closes the client's connection.
 */
export interface ReplyRelay {
  port: number
  /** `memcached://127.0.0.1:<relay port>` */
  url: string
  /** Reply bytes forwarded so far, over all connections. */
  forwarded(): number
  /** Writes the relay made to clients so far. */
  writes(): number
  /** From now on, every connection is closed after `bytes` more reply bytes (null: never). */
  cutAfter(bytes: number | null): void
  close(): Promise<void>
}

export async function startReplyRelay(upstreamPort: number, options: {byteByByte: boolean}): Promise<ReplyRelay> {
  const sockets = new Set<Socket>()
  let forwarded = 0
  let writes = 0
  let cut: number | null = null
  const cuts = new Map<Socket, number>()
  const server: Server = createServer({noDelay: true}, (client) => {
    const upstream = connect({host: '127.0.0.1', port: upstreamPort, noDelay: true})
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    client.pipe(upstream)
    // Replies go out in order, one at a time, whatever the pacing.
    let queue = Promise.resolve()
    upstream.on('data', (chunk: Buffer) => {
      queue = queue.then(() => forward(client, chunk))
    })
  })

  async function forward(client: Socket, chunk: Buffer): Promise<void> {
    let data = chunk
    const left = cuts.get(client) ?? cut
    if (left !== null) {
      data = chunk.subarray(0, left)
      cuts.set(client, left - data.length)
    }
    const pieces = options.byteByByte ? Array.from({length: data.length}, (_, i) => data.subarray(i, i + 1)) : [data]
    for (const piece of pieces) {
      if (client.destroyed) return
      client.write(piece)
      forwarded += piece.length
      writes++
      if (options.byteByByte) await new Promise((resolve) => setImmediate(resolve))
    }
    if (cuts.get(client) === 0) client.destroy()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as {port: number}).port
  return {
    port,
    url: `memcached://127.0.0.1:${port}`,
    forwarded: () => forwarded,
    writes: () => writes,
    cutAfter: (bytes) => {
      cut = bytes
      cuts.clear()
    },
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
