import {describe, expect, it} from 'vitest'
import {SortedSet} from '../../../src/engine/structures/sorted-set.js'
import {createRandom} from '../../../src/generators/random.js'

describe('SortedSet by member id (the decimal number its name is)', () => {
  it('orders, ranks and scores exactly as the same increments by name, ties by name in byte order', () => {
    // Ids of 1 to 16 digits (a 16-digit name is past the tie keys: it compares as a string), many ties.
    const random = createRandom(9, 3)
    const ids = Array.from({length: 400}, (_, index) => (index < 380 ? Math.floor(random.next() * 10 ** (1 + (index % 10))) : 10 ** 15 + index))
    const byId = new SortedSet()
    const byName = new SortedSet()
    for (let step = 0; step < 20_000; step++) {
      const id = ids[Math.floor(random.next() * ids.length)]
      const by = [1, 1, 1, 2, -1][Math.floor(random.next() * 5)]
      expect(byId.incrementById(id, by)).toBe(byName.incrementBy(String(id), by))
    }
    const top = byName.top(1000)
    // Independently: a plain sort by score descending, then name descending as strings.
    const sorted = [...top].sort((a, b) => (a.score !== b.score ? b.score - a.score : a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
    expect(top).toEqual(sorted)
    expect(byId.topIds(1000)).toEqual(top.map(({name, score}) => ({member: Number(name), score})))
    for (const [rank, {name}] of top.entries()) expect(byId.reverseRankById(Number(name))).toBe(rank)
    expect(byId.reverseRankById(10 ** 15 - 1)).toBeNull()
  })

  it('is one member whether named by id or by its string', () => {
    const set = new SortedSet()
    set.incrementBy('42', 2)
    expect(set.incrementById(42, 3)).toBe(5)
    set.incrementById(7, 5)
    expect(set.incrementBy('7', 1)).toBe(6)
    set.incrementBy('alice', 5)
    expect(set.top(3)).toEqual([
      {name: '7', score: 6},
      {name: 'alice', score: 5},
      {name: '42', score: 5},
    ])
    expect(set.topIds(3).map(({member}) => member)).toEqual([7, Number.NaN, 42])
    expect(set.size).toBe(3)
  })

  it('keeps a name written with a leading zero apart from the id it reads as', () => {
    const set = new SortedSet()
    set.incrementBy('07', 2)
    // "07" is not how 7 is written: id 7 is a member of its own, absent until incremented.
    expect(set.reverseRankById(7)).toBeNull()
    expect(set.incrementById(7, 1)).toBe(1)
    expect(set.incrementBy('7', 1)).toBe(2)
    // Ties by name in byte order, highest first: "7" after "07".
    expect(set.top(2)).toEqual([
      {name: '7', score: 2},
      {name: '07', score: 2},
    ])
    expect(set.reverseRankById(7)).toBe(0)
  })
})
