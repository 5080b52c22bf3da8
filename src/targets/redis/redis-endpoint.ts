import {InputError} from '../../errors.js'
import type {TargetUrl} from '../target-url.js'

export const DEFAULT_REDIS_PORT = 6379

/** What a redis://, rediss:// or redis-cluster:// URL asks for, checked. */
export interface RedisEndpoint {
  scheme: 'redis' | 'rediss' | 'redis-cluster'
  hosts: Array<{host: string; port: number}>
  db: number
  /** ACL user; null means the `default` user. */
  username: string | null
  password: string | null
  tls: boolean
  /** The URL with the password redacted. */
  displayUrl: string
  /** `?replica=host:port`: a replica of the primary that a `failover` event promotes; same credentials and TLS. */
  replica: {host: string; port: number} | null
  /** `?client=lean|ioredis`: the client path asked for; null lets the target choose. */
  client: 'lean' | 'ioredis' | null
}

const CLIENT_PATHS = ['lean', 'ioredis'] as const

export function parseRedisEndpoint(url: TargetUrl): RedisEndpoint {
  const scheme = url.scheme as RedisEndpoint['scheme']
  const cluster = scheme === 'redis-cluster'
  const example = cluster ? 'redis-cluster://h1:p1,h2:p2' : `${scheme}://[user:password@]host:port[/db]`
  if (url.hosts.length === 0) throw new InputError(`Target ${url.url} names no host; write ${example}.`)
  if (!cluster && url.hosts.length > 1) {
    throw new InputError(`Target ${url.url} names ${url.hosts.length} hosts; ${scheme}:// takes one (use redis-cluster:// for a cluster).`)
  }
  const name = [...url.params.keys()].find((param) => param !== 'client' && (cluster || param !== 'replica'))
  if (name !== undefined) {
    const takes = cluster ? 'takes only client=ioredis' : 'takes only replica=host:port and client=lean|ioredis'
    throw new InputError(`Target ${url.url} has a query parameter "${name}"; ${scheme}:// ${takes}.`)
  }
  return {
    scheme,
    hosts: url.hosts.map(({host, port}) => ({host, port: port ?? DEFAULT_REDIS_PORT})),
    db: parseDb(url, cluster),
    username: url.password === null ? null : url.username,
    password: url.password,
    tls: scheme === 'rediss',
    displayUrl: url.url,
    replica: parseReplica(url),
    client: parseClient(url),
  }
}

function parseClient(url: TargetUrl): RedisEndpoint['client'] {
  const text = url.params.get('client')
  if (text === null) return null
  const client = CLIENT_PATHS.find((path) => path === text.trim().toLowerCase())
  if (client === undefined) throw new InputError(`Target ${url.url} has client=${text}; write client=lean or client=ioredis.`)
  return client
}

function parseReplica(url: TargetUrl): RedisEndpoint['replica'] {
  const text = url.params.get('replica')
  if (text === null) return null
  const match = /^(\[[^\]]+\]|[^:,\s]+)(?::(\d+))?$/.exec(text.trim())
  const port = match?.[2] === undefined ? DEFAULT_REDIS_PORT : Number(match[2])
  if (!match || port < 1 || port > 65535) {
    throw new InputError(`Target ${url.url} has replica=${text}; write replica=host:port with a port from 1 to 65535.`)
  }
  return {host: match[1].replace(/^\[|\]$/g, ''), port}
}

function parseDb(url: TargetUrl, cluster: boolean): number {
  const path = url.path.replace(/^\/+|\/+$/g, '')
  if (path === '') return 0
  if (cluster) throw new InputError(`Target ${url.url} names a database; Redis Cluster has only database 0.`)
  const db = Number(path)
  if (!/^\d+$/.test(path) || !Number.isSafeInteger(db)) {
    throw new InputError(`Target ${url.url} has "/${path}" where a database number belongs; write ${url.scheme}://host:port/0.`)
  }
  return db
}
