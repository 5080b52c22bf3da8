import type {CacheTarget} from '../../src/targets/cache-target.js'
import type {MemcachedClientName} from '../../src/targets/memcached/memcached-clients.js'
import {defaultTargetOptions, type TargetOptions} from '../../src/targets/target-options.js'
import {createMemcachedTarget} from '../../src/targets/memcached/memcached-target.js'
import {parseTargetUrl} from '../../src/targets/target-url.js'
import {RealClock} from '../../src/time/real-clock.js'
import {testWorkload} from './workload.js'

/** Every client path to memcached: the tests of the memcached target run on each. */
export const MEMCACHED_CLIENTS: readonly MemcachedClientName[] = ['lean', 'memjs']

/** `url` with `client=<client>` added to its query. */
export function withClient(url: string, client: MemcachedClientName): string {
  return `${url}${url.includes('?') ? '&' : '?'}client=${client}`
}

/** A memcached target for `url` as a run would create it, with a test workload of `keyCount` keys; the caller closes it. */
export function createTestTarget(url: string, options: Partial<TargetOptions> = {}, keyCount = 1000): CacheTarget {
  return createMemcachedTarget(parseTargetUrl(url), {
    workload: testWorkload({keyspace: {count: keyCount}}),
    clock: new RealClock(),
    options: {...defaultTargetOptions(), ...options},
  })
}
