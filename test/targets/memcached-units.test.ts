import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {checkMemcachedKeys, MAX_KEY_BYTES} from '../../src/targets/memcached/memcached-keys.js'
import {MAX_RELATIVE_EXPIRY_SECONDS, memcachedExpiry} from '../../src/targets/memcached/memcached-expiry.js'
import {NodeCounters, parseNodeStats, sumNodeCounters, type NodeStats} from '../../src/targets/memcached/memcached-stats.js'

describe('memcachedExpiry', () => {
  it('rounds millisecond TTLs up to whole seconds, never to 0 (which would mean "never expires")', () => {
    expect(memcachedExpiry(null)).toBe(0)
    expect(memcachedExpiry(1)).toBe(1)
    expect(memcachedExpiry(999)).toBe(1)
    expect(memcachedExpiry(1000)).toBe(1)
    expect(memcachedExpiry(1001)).toBe(2)
    expect(memcachedExpiry(300_000)).toBe(300)
    expect(memcachedExpiry(0)).toBe(1)
  })

  it('sends TTLs beyond 30 days as an absolute Unix time, as memcached reads them', () => {
    const now = Date.UTC(2030, 0, 1)
    expect(memcachedExpiry(30 * 24 * 3600 * 1000, now)).toBe(2_592_000)
    expect(MAX_RELATIVE_EXPIRY_SECONDS).toBe(2_592_000)
    expect(memcachedExpiry(31 * 24 * 3600 * 1000, now)).toBe(now / 1000 + 31 * 24 * 3600)
  })
})

describe('checkMemcachedKeys', () => {
  it('accepts the default prefix and refuses whitespace, control characters and keys over 250 bytes', () => {
    expect(() => checkMemcachedKeys('cb:1a2b3c4d:', 1_000_000)).not.toThrow()
    expect(() => checkMemcachedKeys('my prefix:', 10)).toThrow(InputError)
    expect(() => checkMemcachedKeys('tab\there:', 10)).toThrow(/whitespace or a control character/)
    // 'k:' + 6 digits for id 999,999 = 8 bytes.
    const fits = 'p'.repeat(MAX_KEY_BYTES - 8)
    expect(() => checkMemcachedKeys(fits, 1_000_000)).not.toThrow()
    expect(() => checkMemcachedKeys(`${fits}p`, 1_000_000)).toThrow(/up to 251 bytes.*at most 250/)
    // Multi-byte characters count in bytes, as memcached counts them.
    expect(() => checkMemcachedKeys('é'.repeat(123), 10)).not.toThrow()
    expect(() => checkMemcachedKeys('é'.repeat(124), 10)).toThrow(/up to 251 bytes/)
  })
})

describe('memcached stats', () => {
  const stats = (pid: string, evictions: number, expirations: number, items = 0): NodeStats => ({pid, evictions, expirations, items, bytes: items * 100})

  it('reads evictions, the three kinds of expiry removal, items and bytes', () => {
    const parsed = parseNodeStats({pid: '42', evictions: '5', get_expired: '3', reclaimed: '4', crawler_reclaimed: '2', curr_items: '10', bytes: '1234', expired_unfetched: '99'})
    expect(parsed).toEqual({pid: '42', evictions: 5, expirations: 9, items: 10, bytes: 1234})
  })

  it('counts from connect, survives a node restart without going backwards, and keeps a silent node at its last count', () => {
    const a = new NodeCounters(stats('1', 100, 50, 7))
    const b = new NodeCounters(stats('2', 0, 0, 3))
    a.update(stats('1', 110, 55, 8))
    expect([a.evictions, a.expirations]).toEqual([10, 5])
    // Restarted: the new process counts from 0 again.
    a.update(stats('9', 2, 1, 1))
    expect([a.evictions, a.expirations]).toEqual([12, 6])
    b.update(stats('2', 4, 4, 5))
    // Items are those gained since connect: the restarted node's 1 of its own, and 5 - 3 on b.
    expect(sumNodeCounters([{counters: a, answered: true}, {counters: b, answered: true}])).toEqual({evictions: 16, expirations: 10, items: 3, bytes: 300})
    expect(sumNodeCounters([{counters: a, answered: true}, {counters: b, answered: false}])).toEqual({evictions: 16, expirations: 10, items: null, bytes: null})
  })

  it('does not count the items a node held at connect, and cannot tell the run’s items once the node holds fewer', () => {
    const node = new NodeCounters(stats('1', 0, 0, 40))
    node.update(stats('1', 0, 0, 65))
    expect([node.items, node.bytes]).toEqual([25, 2500])
    // Someone else's keys went (evicted, deleted): what is left of the run's cannot be told.
    node.update(stats('1', 0, 0, 30))
    expect(sumNodeCounters([{counters: node, answered: true}])).toMatchObject({items: null, bytes: null})
  })
})
