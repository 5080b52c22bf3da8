import {describe, expect, it} from 'vitest'
import {CacheEngine} from '../../src/engine/cache-engine.js'
import {createRandom} from '../../src/generators/random.js'
import {EVICTION_POLICY_NAMES} from '../../src/workload/types.js'

const KEYS = 1000
const CAPACITY = 100
const MEASURED = 200_000

/**
 * Uniform keys, read-through (get, set on miss), capacity C of K keys. Once full the cache
 * always holds exactly C keys and the next key is independent of them, so each lookup hits
 * with probability exactly C/K whatever the policy: hits ~ Binomial(N, C/K).
 * sd of the ratio = sqrt(p(1 − p)/N) = sqrt(0.09 / 200000) ≈ 0.00067; the tolerance is 6 sd.
 */
const EXPECTED = CAPACITY / KEYS
const TOLERANCE = 6 * Math.sqrt((EXPECTED * (1 - EXPECTED)) / MEASURED)

describe.each(EVICTION_POLICY_NAMES)('%s hit ratio under uniform keys', (eviction) => {
  it(`is C/K = ${EXPECTED} within ±${TOLERANCE.toFixed(4)}`, () => {
    const cache = new CacheEngine({maxItems: CAPACITY, capacityBytes: null, eviction, now: () => 0})
    const random = createRandom(7, 0)
    const readThrough = (): void => {
      const key = Math.floor(random.next() * KEYS)
      if (cache.lookup(key) < 0) cache.set(key, 1, 0, 100, null)
    }
    while (cache.items < CAPACITY) readThrough()
    const hitsBefore = cache.counters.hits
    for (let i = 0; i < MEASURED; i++) readThrough()
    const hitRatio = (cache.counters.hits - hitsBefore) / MEASURED
    expect(Math.abs(hitRatio - EXPECTED)).toBeLessThan(TOLERANCE)
  })
})
