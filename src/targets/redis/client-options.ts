import {readFileSync} from 'node:fs'
import type {ConnectionOptions} from 'node:tls'
import type {ClusterOptions, RedisOptions} from 'ioredis'
import {InputError} from '../../errors.js'
import type {TargetOptions} from '../target-options.js'
import type {RedisEndpoint} from './redis-endpoint.js'
import {reconnectDelay} from '../reconnect-delay.js'

/**
 * Options of every connection. A failed command must fail at once and be counted rather than
 * wait for a reconnect: no offline queue, no resending of commands that were in flight when a
 * connection dropped, and a per-command timeout. RESP2 is pinned: ioredis 6 negotiates RESP3 by
 * default, and the replies cache-bench reads (GET, SET, DEL, UNLINK, INFO) must not depend on
 * what a server happens to support.
 */
export function redisConnectionOptions(endpoint: RedisEndpoint, options: TargetOptions): RedisOptions {
  return {
    protocol: 2,
    lazyConnect: true,
    enableOfflineQueue: false,
    enableReadyCheck: true,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs,
    connectTimeout: options.connectTimeoutMs,
    retryStrategy: reconnectDelay,
    username: endpoint.username ?? undefined,
    password: endpoint.password ?? undefined,
    db: endpoint.db,
    tls: tlsOptions(endpoint, options),
  }
}

/**
 * The cluster client follows MOVED and ASK (up to `maxRedirections` hops) but does not retry a
 * command after a closed connection, CLUSTERDOWN or TRYAGAIN: each retry waits, and with a node
 * gone every command for its slots would wait, so the failure is counted at once instead. Slot
 * refreshes (every 5 s, and on MOVED) pick up a new primary after a failover.
 */
export function clusterOptions(endpoint: RedisEndpoint, options: TargetOptions): ClusterOptions {
  const {retryStrategy: _, enableOfflineQueue: __, ...redisOptions} = redisConnectionOptions(endpoint, options)
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    enableReadyCheck: true,
    scaleReads: 'master',
    maxRedirections: 5,
    retryDelayOnFailover: 0,
    retryDelayOnClusterDown: 0,
    retryDelayOnTryAgain: 0,
    slotsRefreshTimeout: Math.max(options.timeoutMs, 1000),
    clusterRetryStrategy: reconnectDelay,
    clusterNodeRetryStrategy: reconnectDelay,
    redisOptions,
  }
}

export function tlsOptions(endpoint: RedisEndpoint, options: TargetOptions): ConnectionOptions | undefined {
  const {caFile, insecure} = options.tls
  if (!endpoint.tls) {
    if (caFile !== null || insecure) throw new InputError(`--tls-ca and --tls-insecure need a rediss:// target (got ${endpoint.displayUrl}).`)
    return undefined
  }
  // Node checks the certificate against the host it connects to (and sends it as SNI unless it is an IP).
  return {ca: caFile === null ? undefined : readCa(caFile), rejectUnauthorized: !insecure}
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    const code = (error as {code?: string}).code ?? (error instanceof Error ? error.message : String(error))
    throw new InputError(`Cannot read the --tls-ca file ${file} (${code}).`)
  }
}
