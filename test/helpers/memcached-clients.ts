import type {CacheTarget} from '../../src/targets/cache-target.js'
import type {MemcachedClientName} from '../../src/targets/memcached/memcached-clients.js'
import {defaultTargetOptions, type TargetOptions} from '../../src/targets/target-options.js'
import {resolveTargetKind} from '../../src/targets/target-registry.js'
import {RealClock} from '../../src/time/real-clock.js'
import {testWorkload} from './workload.js'

/** Every client path to memcached: the tests of the memcached target run on each. */
export const MEMCACHED_CLIENTS: readonly MemcachedClientName[] = ['lean', 'memjs']

/** `url` with `client=<client>` added to its query. */
export function withClient(url: string, client: MemcachedClientName): string {
  return `${url}${url.includes('?') ? '&' : '?'}client=${client}`
}

/** A target for `url` as a run would create it, with a test workload of `keyCount` keys; the caller closes it. */
export function createTestTarget(url: string, options: Partial<TargetOptions> = {}, keyCount = 1000): CacheTarget {
  const {url: parsed, kind} = resolveTargetKind(url)
  return kind.create(parsed, {
    workload: testWorkload({keyspace: {count: keyCount}}),
    clock: new RealClock(),
    options: {...defaultTargetOptions(), ...options},
  })
}
