import {describe, expect, it} from 'vitest'
import {CappedLists} from '../../../src/engine/structures/capped-lists.js'

describe('CappedLists (LPUSH + LTRIM 0 cap−1, LRANGE 0 n−1)', () => {
  it('reads newest first and keeps only the newest cap entries', () => {
    const lists = new CappedLists<number>()
    // LPUSH 1..5 each followed by LTRIM 0 2: the list is 5 4 3.
    expect([1, 2, 3, 4, 5].map((value) => lists.push(7, value, 3))).toEqual([1, 2, 3, 3, 3])
    expect(lists.head(7, 10)).toEqual([5, 4, 3])
    expect(lists.head(7, 2)).toEqual([5, 4])
  })

  it('reads a list that was never pushed to as empty, and keeps lists apart', () => {
    const lists = new CappedLists<number>()
    lists.push(1, 10, 5)
    expect(lists.head(2, 5)).toEqual([])
    expect(lists.head(1, 5)).toEqual([10])
  })

  it('trims to the cap given with each push', () => {
    const lists = new CappedLists<number>()
    for (let value = 1; value <= 6; value++) lists.push(1, value, 10)
    expect(lists.push(1, 7, 2)).toBe(2)
    expect(lists.head(1, 10)).toEqual([7, 6])
  })

  it('stays correct over many pushes (the dropped entries are compacted away)', () => {
    const lists = new CappedLists<number>()
    for (let value = 1; value <= 100_000; value++) lists.push(1, value, 100)
    const head = lists.head(1, 1000)
    expect(head).toHaveLength(100)
    expect(head[0]).toBe(100_000)
    expect(head[99]).toBe(99_901)
  })
})
