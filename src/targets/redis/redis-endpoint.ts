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
}

export function parseRedisEndpoint(url: TargetUrl): RedisEndpoint {
  const scheme = url.scheme as RedisEndpoint['scheme']
  const cluster = scheme === 'redis-cluster'
  const example = cluster ? 'redis-cluster://h1:p1,h2:p2' : `${scheme}://[user:password@]host:port[/db]`
  if (url.hosts.length === 0) throw new InputError(`Target ${url.url} names no host; write ${example}.`)
  if (!cluster && url.hosts.length > 1) {
    throw new InputError(`Target ${url.url} names ${url.hosts.length} hosts; ${scheme}:// takes one (use redis-cluster:// for a cluster).`)
  }
  const [name] = url.params.keys()
  if (name !== undefined) throw new InputError(`Target ${url.url} has a query parameter "${name}"; ${scheme}:// takes none.`)
  return {
    scheme,
    hosts: url.hosts.map(({host, port}) => ({host, port: port ?? DEFAULT_REDIS_PORT})),
    db: parseDb(url, cluster),
    username: url.password === null ? null : url.username,
    password: url.password,
    tls: scheme === 'rediss',
    displayUrl: url.url,
  }
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
