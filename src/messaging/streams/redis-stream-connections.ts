import {Redis} from 'ioredis'
import {redisConnectionOptions} from '../../targets/redis/client-options.js'
import type {RedisEndpoint} from '../../targets/redis/redis-endpoint.js'
import type {TargetOptions} from '../../targets/target-options.js'

/**
 * Opens single-server connections with the options every cache-bench connection has. A
 * consumer's XREADGROUP … BLOCK may rightly take `blockMs` before it answers, so its command
 * timeout is the block time plus the usual one.
 */
export function streamConnections(endpoint: RedisEndpoint, options: TargetOptions) {
  const {host, port} = endpoint.hosts[0]
  const base = {...redisConnectionOptions(endpoint, options), host, port}
  return {
    command: (): Redis => new Redis(base),
    blocking: (blockMs: number): Redis => new Redis({...base, commandTimeout: blockMs + options.timeoutMs}),
  }
}

export type StreamConnections = ReturnType<typeof streamConnections>
