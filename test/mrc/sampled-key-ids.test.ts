import {describe, expect, it} from 'vitest'
import {NO_ID, SampledKeyIds} from '../../src/mrc/sampled-key-ids.js'
import {createRandom, Stream} from '../../src/generators/random.js'

describe('SampledKeyIds', () => {
  it('keeps one id per key held, the same as a Map, through growth and removals', () => {
    const random = createRandom(7, Stream.keys)
    // Starts small so the table grows several times; keys include ones beyond 32 bits.
    const ids = new SampledKeyIds(4)
    const reference = new Map<number, number>()
    let mostHeld = 0
    let mismatches = 0
    for (let step = 0; step < 100_000; step++) {
      const key = Math.floor(random.next() * 5_000) * (step % 7 === 0 ? 2 ** 33 + 1 : 1)
      const id = ids.idOf(key)
      if (id !== (reference.get(key) ?? NO_ID)) mismatches++
      if (random.next() < 0.4 && id !== NO_ID) {
        if (ids.remove(key) !== id) mismatches++
        reference.delete(key)
      } else if (id === NO_ID) {
        reference.set(key, ids.add(key))
      }
      mostHeld = Math.max(mostHeld, reference.size)
    }
    expect(mismatches).toBe(0)
    expect(ids.size).toBe(reference.size)
    // Ids are unique among the keys held, and reused: never beyond the most keys held at once.
    expect(new Set(reference.values()).size).toBe(reference.size)
    expect(ids.idLimit).toBeLessThanOrEqual(mostHeld)
    for (const [key, id] of reference) expect(ids.idOf(key)).toBe(id)
    expect(ids.remove(-1)).toBe(NO_ID)
  })
})
