import {describe, expect, it} from 'vitest'
import {ExpiringHashes} from '../../../src/engine/structures/expiring-hashes.js'

describe('ExpiringHashes.getShared (HGETALL without a copy)', () => {
  it('answers what getAll answers, and what it answered stays so through later writes, expiry and deletion', () => {
    const clock = {now: 0}
    const hashes = new ExpiringHashes<string>(() => clock.now)
    hashes.set(1, 0, 'a')
    const first = hashes.getShared(1)
    expect(first).toEqual(hashes.getAll(1))
    // Two reads before a write share one map; the write leaves both as they were.
    const second = hashes.getShared(1)
    expect(hashes.set(1, 1, 'b')).toBe(true)
    expect(hashes.set(1, 0, 'c')).toBe(false)
    expect(first).toEqual(new Map([[0, 'a']]))
    expect(second).toEqual(new Map([[0, 'a']]))
    const third = hashes.getShared(1)
    expect(third).toEqual(new Map([[0, 'c'], [1, 'b']]))
    // A write after the copy writes in place again, then the next read is shared once more.
    hashes.set(1, 2, 'd')
    expect(hashes.getShared(1)).toEqual(new Map([[0, 'c'], [1, 'b'], [2, 'd']]))
    expect(third).toEqual(new Map([[0, 'c'], [1, 'b']]))
    expect(hashes.expire(1, 5)).toBe(true)
    clock.now = 6
    expect(hashes.getShared(1)).toBeNull()
    hashes.set(1, 0, 'e')
    expect(third).toEqual(new Map([[0, 'c'], [1, 'b']]))
    expect(hashes.getShared(1)).toEqual(new Map([[0, 'e']]))
    expect(hashes.getShared(2)).toBeNull()
  })
})
