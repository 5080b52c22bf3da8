import type {MemcachedClientName} from '../../src/targets/memcached/memcached-clients.js'

/** Every client path to memcached: the tests of the memcached target run on each. */
export const MEMCACHED_CLIENTS: readonly MemcachedClientName[] = ['lean', 'memjs']

/** `url` with `client=<client>` added to its query. */
export function withClient(url: string, client: MemcachedClientName): string {
  return `${url}${url.includes('?') ? '&' : '?'}client=${client}`
}
