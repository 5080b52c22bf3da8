import {Redis} from 'ioredis'
import type {RedisServer} from '../servers/redis-servers.js'
import {waitFor} from './wait-for.js'

/**
 * Freezes the server for `stallMs` once it has processed `afterCommands` more commands (a
 * readiness signal: start-up under load takes however long it takes), then lets it go on.
 */
export async function stallServer(server: RedisServer, afterCommands: number, stallMs: number): Promise<void> {
  // One connection polled every 20 ms: cheaper than a redis-cli process per look.
  const inspector = new Redis({host: '127.0.0.1', port: server.port, lazyConnect: true, maxRetriesPerRequest: 0})
  await inspector.connect()
  try {
    const processed = async () => Number(/total_commands_processed:(\d+)/.exec(await inspector.info('stats'))?.[1] ?? 0)
    const before = await processed()
    await waitFor(async () => (await processed()) >= before + afterCommands, `redis to process ${afterCommands} commands`)
  } finally {
    inspector.disconnect()
  }
  await server.freeze()
  await new Promise((resolve) => setTimeout(resolve, stallMs))
  server.signal('SIGCONT')
}
