import {connect} from 'node:net'
import {type ServerProcess, startServer} from './server-process.js'

export interface MemcachedServer {
  port: number
  /** `memcached://127.0.0.1:<port>` */
  url: string
  process: ServerProcess
  /** The server's `stats` reply, read over the text protocol (independently of the target code). */
  stats(): Promise<Record<string, string>>
  /** Stores a value with the text protocol's `set`. */
  set(key: string, value: string): Promise<void>
  /** The value under `key`, or null. */
  get(key: string): Promise<string | null>
  /** Stops the server and starts a new, empty one on the same port, as a node that crashed and came back. */
  restart(): Promise<void>
  stop(): Promise<void>
}

export interface MemcachedPool {
  servers: MemcachedServer[]
  /** `memcached://127.0.0.1:<p1>,127.0.0.1:<p2>,…` */
  url: string
  stop(): Promise<void>
}

/**
 * A memcached on a free 127.0.0.1 port (its own: see startServer), UDP off. memcached refuses to run as root unless told
 * which user to become, hence `-u root` when the tests run as root.
 */
export async function startMemcached(
  options: {memoryMb?: number; extraArgs?: string[]; env?: Record<string, string>} = {},
): Promise<MemcachedServer> {
  const args = (port: number): string[] => {
    const list = ['-l', '127.0.0.1', '-p', String(port), '-U', '0', '-m', String(options.memoryMb ?? 64)]
    if (process.getuid?.() === 0) list.push('-u', 'root')
    return [...list, ...(options.extraArgs ?? [])]
  }
  // `env` replaces itself with memcached, so the process stopped later is memcached itself.
  const environment = Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`)
  const launch = (port?: number): Promise<ServerProcess> =>
    environment.length > 0
      ? startServer('env', (free) => [...environment, 'memcached', ...args(free)], {port})
      : startServer('memcached', args, {port})
  let server = await launch()
  const {port} = server
  return {
    port,
    url: `memcached://127.0.0.1:${port}`,
    get process() {
      return server
    },
    stats: async () => parseStats(await textCommand(port, 'stats\r\n', /END\r\n$/)),
    set: async (key, value) => {
      const reply = await textCommand(port, `set ${key} 0 0 ${Buffer.byteLength(value)}\r\n${value}\r\n`, /\r\n$/)
      if (reply !== 'STORED\r\n') throw new Error(`memcached set ${key}: ${reply.trim()}`)
    },
    get: async (key) => {
      const reply = await textCommand(port, `get ${key}\r\n`, /END\r\n$/)
      const match = /^VALUE \S+ \d+ \d+\r\n([\s\S]*)\r\nEND\r\n$/.exec(reply)
      return match ? match[1] : null
    },
    restart: async () => {
      await server.stop()
      server = await launch(port)
    },
    stop: () => server.stop(),
  }
}

/** `count` memcached servers; stop() stops them all (also after a partial start). */
export async function startMemcachedPool(count: number, options: {memoryMb?: number} = {}): Promise<MemcachedPool> {
  const servers: MemcachedServer[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()))
  }
  try {
    for (let i = 0; i < count; i++) servers.push(await startMemcached(options))
  } catch (error) {
    await stop()
    throw error
  }
  return {servers, url: `memcached://${servers.map((server) => `127.0.0.1:${server.port}`).join(',')}`, stop}
}

/** Sends one text-protocol command and collects the reply until `end` matches (5 s at most). */
function textCommand(port: number, command: string, end: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({host: '127.0.0.1', port})
    let reply = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`memcached on port ${port} did not answer ${command.split('\r\n')[0]}`))
    }, 5000)
    socket.setEncoding('utf8')
    socket.on('connect', () => socket.write(command))
    socket.on('data', (chunk: string) => {
      reply += chunk
      if (end.test(reply)) {
        clearTimeout(timer)
        socket.destroy()
        resolve(reply)
      }
    })
    socket.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

function parseStats(reply: string): Record<string, string> {
  const stats: Record<string, string> = {}
  for (const line of reply.split('\r\n')) {
    const match = /^STAT (\S+) (.*)$/.exec(line)
    if (match) stats[match[1]] = match[2]
  }
  return stats
}
