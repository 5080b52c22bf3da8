import {describe, expect, it} from 'vitest'
import {CacheEngine} from '../../src/engine/cache-engine.js'
import {createRandom, type Random} from '../../src/generators/random.js'
import {ReferenceCache} from './reference-cache.js'

const OPERATIONS = 100_000
const KEYS = 300
const MAX_ITEMS = 64
// Small values average ~90 B charged and large ones ~910 B, so either limit can bind.
const CAPACITY_BYTES = 8000

/** Spread ids apart so the key table has to grow well past its initial size. */
function keyId(index: number): number {
  return index * 7919
}

/** Mostly small values, some large, a few that cannot fit at all (> CAPACITY_BYTES). */
function drawSize(random: Random): number {
  const u = random.next()
  if (u < 0.8) return Math.floor(random.next() * 60)
  if (u < 0.98) return 200 + Math.floor(random.next() * 1300)
  return 7900 + Math.floor(random.next() * 200)
}

// SIEVE, S3-FIFO and 2Q have their own references in policy-references.test.ts.
describe.each(['lru', 'lfu', 'fifo'] as const)('%s engine against a naive reference model', (policy) => {
  it(`agrees on every lookup and every counter over ${OPERATIONS} random operations`, () => {
    let time = 0
    const now = () => time
    const engine = new CacheEngine({maxItems: MAX_ITEMS, capacityBytes: CAPACITY_BYTES, eviction: policy, now})
    const reference = new ReferenceCache(policy, MAX_ITEMS, CAPACITY_BYTES, now)
    const random = createRandom(2024, 0)
    let firstMismatch: string | null = null
    let lookups = 0
    let hits = 0

    for (let step = 0; step < OPERATIONS && firstMismatch === null; step++) {
      time += Math.floor(random.next() * 4)
      // Cubing a uniform draw skews towards low indices, so LFU counts differ between keys.
      const key = keyId(Math.floor(random.next() ** 3 * KEYS))
      const action = random.next()
      if (action < 0.45) {
        lookups++
        const slot = engine.lookup(key)
        const expected = reference.lookup(key)
        if (expected === undefined) {
          if (slot !== -1) firstMismatch = `step ${step}: key ${key} should miss`
        } else {
          hits++
          const actual = slot < 0 ? null : [engine.version(slot), engine.committedAt(slot), engine.size(slot), engine.remainingTtl(slot)]
          const wanted = [expected.version, expected.committedAt, expected.size, expected.expiresAt - time]
          if (JSON.stringify(actual) !== JSON.stringify(wanted)) firstMismatch = `step ${step}: key ${key} gave ${JSON.stringify(actual)}, want ${JSON.stringify(wanted)}`
        }
      } else if (action < 0.85) {
        const size = drawSize(random)
        const ttl = random.next() < 0.5 ? null : 1 + Math.floor(random.next() * 200)
        engine.set(key, step, time, size, ttl)
        reference.set(key, step, time, size, ttl)
      } else if (engine.delete(key) !== reference.delete(key)) {
        firstMismatch = `step ${step}: delete of key ${key} disagrees`
      }
      if (firstMismatch === null && (engine.items !== reference.entries.size || engine.bytes !== reference.bytes)) {
        firstMismatch = `step ${step}: items/bytes ${engine.items}/${engine.bytes}, want ${reference.entries.size}/${reference.bytes}`
      }
      if (firstMismatch === null && JSON.stringify(engine.counters) !== JSON.stringify(reference.counters)) {
        firstMismatch = `step ${step}: counters ${JSON.stringify(engine.counters)}, want ${JSON.stringify(reference.counters)}`
      }
    }

    expect(firstMismatch).toBeNull()
    // The run must exercise every path, or agreement proves little.
    const counters = engine.counters
    expect(hits).toBeGreaterThan(lookups / 10)
    expect(counters.evictions).toBeGreaterThan(1000)
    expect(counters.expirations).toBeGreaterThan(1000)
    expect(counters.rejected).toBeGreaterThan(100)
  })
})
