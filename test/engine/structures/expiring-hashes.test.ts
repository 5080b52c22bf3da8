import {describe, expect, it} from 'vitest'
import {ExpiringHashes} from '../../../src/engine/structures/expiring-hashes.js'

function hashesAt() {
  const clock = {now: 0}
  return {clock, hashes: new ExpiringHashes<string>(() => clock.now)}
}

describe('ExpiringHashes (Redis hash and PEXPIRE semantics)', () => {
  it('reports whether HSET added a field, and HGETALL returns every field', () => {
    const {hashes} = hashesAt()
    expect(hashes.set(1, 0, 'a')).toBe(true)
    expect(hashes.set(1, 1, 'b')).toBe(true)
    expect(hashes.set(1, 0, 'c')).toBe(false)
    expect(hashes.getAll(1)).toEqual(new Map([[0, 'c'], [1, 'b']]))
    expect(hashes.getAll(2)).toBeNull()
  })

  it('keeps a hash until the clock passes its deadline, then never returns it', () => {
    const {clock, hashes} = hashesAt()
    hashes.set(1, 0, 'a')
    clock.now = 10
    expect(hashes.expire(1, 100)).toBe(true)
    clock.now = 110 // Redis expires a key when now > deadline, so at the deadline it is still there
    expect(hashes.getAll(1)).toEqual(new Map([[0, 'a']]))
    clock.now = 110.5
    expect(hashes.getAll(1)).toBeNull()
    expect(hashes.expire(1, 100)).toBe(false)
    expect(hashes.expirations).toBe(1)
  })

  it('keeps the time to live through HSET, and starts a recreated hash without one or its old fields', () => {
    const {clock, hashes} = hashesAt()
    hashes.set(1, 0, 'a')
    hashes.expire(1, 50)
    clock.now = 20
    hashes.set(1, 1, 'b')
    expect(hashes.remainingMs(1)).toBe(30)
    clock.now = 51
    expect(hashes.set(1, 1, 'c')).toBe(true)
    expect(hashes.getAll(1)).toEqual(new Map([[1, 'c']]))
    expect(hashes.remainingMs(1)).toBe(Number.POSITIVE_INFINITY)
  })

  it('moves the deadline on every PEXPIRE (a sliding session) and deletes at once for ms ≤ 0', () => {
    const {clock, hashes} = hashesAt()
    hashes.set(1, 0, 'a')
    hashes.expire(1, 100)
    clock.now = 90
    hashes.expire(1, 100)
    clock.now = 150
    expect(hashes.getAll(1)).not.toBeNull()
    expect(hashes.expire(1, 0)).toBe(true)
    expect(hashes.getAll(1)).toBeNull()
    expect(hashes.expire(1, 0)).toBe(false)
  })

  it('returns a copy that later writes do not change', () => {
    const {hashes} = hashesAt()
    hashes.set(1, 0, 'a')
    const before = hashes.getAll(1)
    hashes.set(1, 1, 'b')
    expect(before?.size).toBe(1)
  })

  it('gives a new hash of another key nothing of an expired one, and finds far keys', () => {
    const {clock, hashes} = hashesAt()
    hashes.set(3, 0, 'a')
    hashes.set(3, 1, 'b')
    hashes.expire(3, 10)
    clock.now = 11
    expect(hashes.fieldCount(3)).toBeNull()
    // The next new hash takes what the expired one left: it starts empty, without a deadline.
    expect(hashes.set(50_000, 1, 'c')).toBe(true)
    expect(hashes.getAll(50_000)).toEqual(new Map([[1, 'c']]))
    expect(hashes.fieldCount(50_000)).toBe(1)
    expect(hashes.remainingMs(50_000)).toBe(Number.POSITIVE_INFINITY)
    expect(hashes.getAll(3)).toBeNull()
    expect(hashes.fieldCount(49_999)).toBeNull()
    expect(hashes.fieldCount(10_000_000)).toBeNull()
    expect(() => hashes.set(-1, 0, 'd')).toThrow(RangeError)
  })
})
