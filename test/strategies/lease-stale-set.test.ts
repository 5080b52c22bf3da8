import {describe, expect, it} from 'vitest'
import type {Clock} from '../../src/time/clock.js'
import type {Steps} from '../../src/strategies/strategy.js'
import type {FlowBooks} from '../../src/strategies/flow.js'
import {strategyHarness} from './harness.js'

/** Steps of an application that stalls (a GC pause, a descheduled thread) before it fills the cache. */
function pausingBeforeFill(steps: Steps & FlowBooks, clock: Clock, pauseMs: number): Steps & FlowBooks {
  return Object.assign(Object.create(steps) as Steps & FlowBooks, {
    cacheSet: async (...args: Parameters<Steps['cacheSet']>) => {
      await clock.sleep(pauseMs)
      return steps.cacheSet(...args)
    },
    cacheLeaseSet: async (...args: Parameters<Steps['cacheLeaseSet']>) => {
      await clock.sleep(pauseMs)
      return steps.cacheLeaseSet(...args)
    },
  })
}

/*
 * The stale-set race of "Scaling Memcache at Facebook" §3.2.1, scripted on the virtual clock
 * (cache commands take no time, origin reads 10 ms, writes 1 ms):
 *   t=0   reader A misses key 0 and reads the origin: version 0 at t=10; A then stalls 10 ms
 *   t=12  writer B writes the origin (version 1 at t=13) and deletes the cache entry
 *   t=20  A sets version 0 into the cache, after the write it should have lost to
 *   t=30  reader C reads key 0
 */
async function race(lease: boolean) {
  const h = await strategyHarness(
    {name: 'lazy-loading', invalidateOnWrite: true, lease: lease ? {retryAfterMs: 1, timeoutMs: 1000} : null},
    {readMs: 10, writeMs: 1},
  )
  const [a, , c] = await Promise.all([
    h.strategy.read(0, pausingBeforeFill(h.steps, h.clock, 10)),
    h.at(12, () => h.strategy.write(0, h.steps)),
    h.at(30, () => h.strategy.read(0, h.steps)),
    h.clock.drive(),
  ])
  return {...h, a, c}
}

describe('leases prevent the stale set', () => {
  it('without a lease the slow reader puts the old version back, and later readers get it from the cache', async () => {
    const {a, c, origin, cached, metrics} = await race(false)
    expect(a.value?.version).toBe(0)
    expect(origin.currentVersion(0)).toBe(1)
    expect(cached(0)).toBe(0)
    expect(c).toMatchObject({fromCache: true, value: {version: 0}})
    expect(metrics.counters.leaseSetsRefused).toBe(0)
  })

  it('with a lease the delete voids the slow reader’s lease, its set is refused, and the next reader gets the new version', async () => {
    const {a, c, origin, cached, metrics} = await race(true)
    expect(a.value?.version).toBe(0)
    expect(origin.currentVersion(0)).toBe(1)
    expect(metrics.counters.leaseSetsRefused).toBe(1)
    // C missed, took a new lease and filled the cache from the origin.
    expect(c).toMatchObject({fromCache: false, value: {version: 1}})
    expect(cached(0)).toBe(1)
  })

  it('a reader that arrives while the lease is held waits and then gets the filler’s value from the cache', async () => {
    const h = await strategyHarness({name: 'lazy-loading', lease: {retryAfterMs: 4, timeoutMs: 1000}}, {readMs: 10, writeMs: 1})
    const [first, second] = await Promise.all([
      h.strategy.read(3, h.steps),
      h.at(1, () => h.strategy.read(3, h.steps)),
      h.clock.drive(),
    ])
    expect(first.fromCache).toBe(false)
    expect(second.fromCache).toBe(true)
    // Asked at t=1, 5, 9 (told to wait each time) and hit at t=13, after the fill at t=10.
    expect(h.metrics.counters.leaseWaits).toBe(3)
    expect(h.metrics.counters.originReads).toBe(1)
    expect(h.metrics.counters.duplicateOriginReads).toBe(0)
    expect(h.metrics.latency.read.count).toBe(0)
  })

  it('a lease nobody redeems lapses after its timeout, so a waiting reader takes over', async () => {
    // The filler's origin read (50 ms) outlives the lease (20 ms): the waiter gets a new lease.
    const h = await strategyHarness({name: 'lazy-loading', lease: {retryAfterMs: 5, timeoutMs: 20}}, {readMs: 50, writeMs: 1})
    const [first, second] = await Promise.all([
      h.strategy.read(1, h.steps),
      h.at(1, () => h.strategy.read(1, h.steps)),
      h.clock.drive(),
    ])
    expect(first.fromCache).toBe(false)
    expect(second.fromCache).toBe(false)
    expect(h.metrics.counters.duplicateOriginReads).toBe(1)
    // The first filler's lease lapsed, so its set is refused and the second filler's value stays.
    expect(h.metrics.counters.leaseSetsRefused).toBe(1)
  })
})
