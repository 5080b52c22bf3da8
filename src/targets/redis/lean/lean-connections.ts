import {CacheCommandError} from '../../command-error.js'
import type {TargetOptions} from '../../target-options.js'
import {tlsOptions} from '../client-options.js'
import type {RedisConnections, ServerNode} from '../redis-connections.js'
import type {RedisEndpoint} from '../redis-endpoint.js'
import {LeanConnection} from './lean-connection.js'
import type {Reply} from './reply-parser.js'

function unexpected(command: string, reply: Reply): CacheCommandError {
  return new CacheCommandError('server', `${command} answered with an unexpected reply (${typeof reply})`)
}

/** `options.connections` lean connections to one Redis server (redis:// or rediss://). */
export function leanConnections(endpoint: RedisEndpoint, options: TargetOptions): RedisConnections {
  const {host, port} = endpoint.hosts[0]
  const settings = {
    host,
    port,
    tls: tlsOptions(endpoint, options),
    username: endpoint.username,
    password: endpoint.password,
    db: endpoint.db,
    timeoutMs: options.timeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    pipeline: options.pipeline,
  }
  // Affinity: Node runs the promise continuations of one socket's replies before the next socket
  // event, so commands issued while they run were caused by that connection's replies and go
  // back on it. A pipelined batch that came back together then leaves together, one write
  // instead of being spread over the connections a few commands each, and the server reads it in
  // one go too: without it, batches drifted to ~6 commands per write at --pipeline 16.
  // Only up to `pipeline` commands in flight, though: the connection that answered last stays
  // "replying" after its replies are handled, and commands issued later (the run's first ones,
  // right after the INFO reply on the first connection) all followed it, so a run at --pipeline 16
  // over 50 connections sent every command on one of them (seen with strace: 30,008 of 30,008
  // GET writes on one socket, reads of 64 KiB).
  let replying: LeanConnection | null = null
  const noteReplies = (connection: LeanConnection): void => {
    replying = connection
  }
  const connections = Array.from({length: options.connections}, () => new LeanConnection(settings, noteReplies))
  const admin = (): LeanConnection => connections[0]
  const node: ServerNode = {
    name: `${host}:${port}`,
    info: async (section) => {
      const reply = await admin().command(['INFO', section])
      if (!Buffer.isBuffer(reply)) throw unexpected('INFO', reply)
      return reply.toString('utf8')
    },
    scan: async (cursor, pattern, count) => {
      const reply = await admin().command(['SCAN', cursor, 'MATCH', pattern, 'COUNT', count])
      if (!Array.isArray(reply) || !Buffer.isBuffer(reply[0]) || !Array.isArray(reply[1])) throw unexpected('SCAN', reply)
      return [reply[0].toString('latin1'), reply[1].map((key) => String(Buffer.isBuffer(key) ? key.toString('utf8') : key))]
    },
  }
  return {
    client: 'lean',
    connect: async () => {
      await Promise.all(connections.map((connection) => connection.connect()))
    },
    channels: () => connections,
    replyingChannel: () => (replying !== null && replying.ready && replying.inFlight < options.pipeline ? replying : null),
    structureClients: null,
    infoNodes: () => [node],
    flushAll: async () => {
      await admin().command(['FLUSHALL'])
    },
    unlink: async (keys) => {
      const reply = await admin().command(['UNLINK', ...keys])
      if (typeof reply !== 'number') throw unexpected('UNLINK', reply)
      return reply
    },
    close: () => {
      for (const connection of connections) connection.close()
    },
  }
}
