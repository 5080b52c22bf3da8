import {afterAll, beforeAll} from 'vitest'
import {startMemcached, type MemcachedServer} from './memcached-servers.js'
import {startRedis, type RedisServer} from './redis-servers.js'

export interface RedisAndMemcached {
  redis: RedisServer
  memcached: MemcachedServer
}

/** One redis-server and one memcached for the calling test file: started before its tests, stopped after. */
export function redisAndMemcachedForFile(): RedisAndMemcached {
  const servers = {} as RedisAndMemcached
  beforeAll(async () => {
    ;[servers.redis, servers.memcached] = await Promise.all([startRedis(), startMemcached()])
  })
  afterAll(async () => {
    await Promise.all([servers.redis?.stop(), servers.memcached?.stop()])
  })
  return servers
}

/** One redis-server for the calling test file: started before its tests, stopped after. */
export function redisForFile(): {redis: RedisServer} {
  const servers = {} as {redis: RedisServer}
  beforeAll(async () => {
    servers.redis = await startRedis()
  })
  afterAll(async () => {
    await servers.redis?.stop()
  })
  return servers
}
