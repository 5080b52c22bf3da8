import {describe, expect, it} from 'vitest'
import {SortedSet} from '../../../src/engine/structures/sorted-set.js'
import {createRandom} from '../../../src/generators/random.js'

function board(entries: Array<[string, number]>): SortedSet {
  const set = new SortedSet()
  for (const [name, by] of entries) set.incrementBy(name, by)
  return set
}

describe('SortedSet (Redis sorted-set semantics)', () => {
  it('reads the top highest score first, ties by name in descending byte order', () => {
    // Redis: ZINCRBY lb 5 alice, 5 bob, 3 carol, 5 "10", 5 "9" → ZREVRANGE lb 0 -1 WITHSCORES is
    // bob 5, alice 5, 9 5, 10 5, carol 3 (letters sort above digits, and "9" above "10").
    const set = board([['alice', 5], ['bob', 5], ['carol', 3], ['10', 5], ['9', 5]])
    expect(set.top(10)).toEqual([
      {name: 'bob', score: 5},
      {name: 'alice', score: 5},
      {name: '9', score: 5},
      {name: '10', score: 5},
      {name: 'carol', score: 3},
    ])
    expect(set.top(2).map((entry) => entry.name)).toEqual(['bob', 'alice'])
  })

  it('ranks in the same order, 0 for the top, null for a member it does not hold', () => {
    const set = board([['alice', 5], ['bob', 5], ['carol', 3], ['10', 5], ['9', 5]])
    expect(['bob', 'alice', '9', '10', 'carol'].map((name) => set.reverseRank(name))).toEqual([0, 1, 2, 3, 4])
    expect(set.reverseRank('dave')).toBeNull()
  })

  it('adds to the score, starting from 0 for a new member, and returns the new score', () => {
    const set = new SortedSet()
    expect(set.incrementBy('m', 2.5)).toBe(2.5)
    expect(set.incrementBy('m', -4)).toBe(-1.5)
    expect(set.score('m')).toBe(-1.5)
    expect(set.size).toBe(1)
  })

  it('moves a member up and down past others as its score changes', () => {
    const set = board([['a', 1], ['b', 2], ['c', 3], ['d', 4]])
    set.incrementBy('a', 10) // a 11 jumps to the top
    expect(set.top(4).map((entry) => entry.name)).toEqual(['a', 'd', 'c', 'b'])
    set.incrementBy('d', -4) // d 0 drops to the bottom
    expect(set.top(4)).toEqual([
      {name: 'a', score: 11},
      {name: 'c', score: 3},
      {name: 'b', score: 2},
      {name: 'd', score: 0},
    ])
    set.incrementBy('b', 1) // b 3 ties c: "c" > "b", so c stays above
    expect(set.top(4).map((entry) => entry.name)).toEqual(['a', 'c', 'b', 'd'])
    set.incrementBy('c', 0) // an increment of 0 leaves everything in place
    expect(set.reverseRank('c')).toBe(1)
  })

  it('uses double arithmetic for scores, as Redis does', () => {
    const set = new SortedSet()
    set.incrementBy('x', 0.1)
    expect(set.incrementBy('x', 0.2)).toBe(0.30000000000000004)
  })

  it('refuses an increment that would make the score NaN and keeps the old score', () => {
    const set = board([['x', Number.POSITIVE_INFINITY]])
    expect(() => set.incrementBy('x', Number.NEGATIVE_INFINITY)).toThrow(/NaN/)
    expect(set.score('x')).toBe(Number.POSITIVE_INFINITY)
  })

  it('agrees with a plain sort after thousands of random increments over many ties', () => {
    const random = createRandom(5, 99)
    const set = new SortedSet()
    const scores = new Map<string, number>()
    for (let step = 0; step < 20_000; step++) {
      const name = String(Math.floor(random.next() * 300))
      const by = [1, 1, 1, 2, -1, 0.5][Math.floor(random.next() * 6)]
      scores.set(name, (scores.get(name) ?? 0) + by)
      set.incrementBy(name, by)
    }
    const expected = [...scores].sort(([nameA, a], [nameB, b]) => (a !== b ? b - a : nameA < nameB ? 1 : nameA > nameB ? -1 : 0))
    expect(set.top(1000).map(({name, score}) => [name, score])).toEqual(expected)
    for (const [rank, [name]] of expected.entries()) expect(set.reverseRank(name)).toBe(rank)
  })
})
