import {describe, expect, it} from 'vitest'
import {memberId, memberName, requirePositiveCount, StructureKeys, structureKeyCounts} from '../../src/targets/structure-target.js'
import {testWorkload} from '../helpers/workload.js'

describe('structure key naming', () => {
  it('names members and fields by their id in decimal, and reads back only such names', () => {
    expect(memberName(42)).toBe('42')
    expect(memberId('42')).toBe(42)
    expect(memberId('x42')).toBeNaN()
    expect(memberId('')).toBeNaN()
  })

  it('puts each kind of structure under its own tag below the run prefix', () => {
    const keys = new StructureKeys('cb:abc:', {sortedSet: 4, hash: 100, list: 16})
    expect([keys.name('sortedSet', 3), keys.name('hash', 99), keys.name('list', 0)]).toEqual(['cb:abc:lb:3', 'cb:abc:h:99', 'cb:abc:feed:0'])
  })

  it('records only the keys written, each once, and hands them out in batches', () => {
    const keys = new StructureKeys('p:', {sortedSet: 4, hash: 100, list: 16})
    keys.name('hash', 7) // a read records nothing
    for (const id of [5, 1, 5, 9]) keys.written('hash', id)
    keys.written('sortedSet', 2)
    keys.written('list', 15)
    expect(keys.size).toBe(5)
    expect([...keys.batches(2)]).toEqual([['p:lb:2'], ['p:h:1', 'p:h:5'], ['p:h:9'], ['p:feed:15']])
  })

  it('sizes the record from the workload: its boards, one hash per key, its lists', () => {
    expect(structureKeyCounts(testWorkload().structures, 1000)).toEqual({sortedSet: 4, hash: 1000, list: 16})
  })

  it('refuses a count of 0, which Redis would read as "everything"', () => {
    expect(() => requirePositiveCount('lrange', 0)).toThrow(RangeError)
    expect(() => requirePositiveCount('lrange', 1)).not.toThrow()
  })
})
