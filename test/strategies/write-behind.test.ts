import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {StrategyName} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'
import {strategyHarness} from './harness.js'

describe('write-behind, step by step', () => {
  it('coalesces writes to a key within the flush delay into one origin write, and its cached value is never stale', async () => {
    const h = await strategyHarness({name: 'write-behind', flushDelayMs: 10}, {readMs: 5, writeMs: 2})
    const reads = await Promise.all([
      h.strategy.write(0, h.steps),
      h.at(1, () => h.strategy.write(0, h.steps)),
      h.at(2, () => h.strategy.write(0, h.steps)),
      // Before the flush (t=10..12) the cache is ahead of the origin; after it, level with it.
      h.at(5, () => h.strategy.read(0, h.steps)),
      h.at(20, () => h.strategy.read(0, h.steps)),
      h.clock.drive(),
    ])
    expect(h.metrics.counters.originWrites).toBe(1)
    expect(h.metrics.counters.writesCoalesced).toBe(2)
    expect(h.origin.currentVersion(0)).toBe(1)
    expect(h.origin.log.firstNewerCommitTime(0, 0)).toBe(12)
    for (const answer of [reads[3], reads[4]]) expect(answer).toMatchObject({fromCache: true, value: {version: 1}})
    // Writes only cost a cache set.
    expect(h.metrics.latency['cache.set'].count).toBe(3)
  })

  it('labels writes made while a flush is on its way with the version their own flush will commit', async () => {
    // Origin writes (30 ms) outlast the flush delay (5 ms): the second flush must wait for the first.
    const h = await strategyHarness({name: 'write-behind', flushDelayMs: 5}, {readMs: 1, writeMs: 30})
    await Promise.all([h.strategy.write(2, h.steps), h.at(10, () => h.strategy.write(2, h.steps)), h.clock.drive()])
    expect(h.origin.currentVersion(2)).toBe(2)
    expect(h.cached(2)).toBe(2)
    // First flush t=5..35; the second was due at t=15 and started after the first landed.
    expect(h.origin.log.firstNewerCommitTime(2, 1)).toBe(65)
  })

  it('a failed node loses the writes waiting for their flush: the origin never receives them', async () => {
    const h = await strategyHarness({name: 'write-behind', flushDelayMs: 10}, {readMs: 1, writeMs: 1})
    await Promise.all([
      h.strategy.write(0, h.steps),
      h.strategy.write(1, h.steps),
      h.at(1, () => h.strategy.write(1, h.steps)),
      h.at(5, async () => {
        h.strategy.nodeFailed?.()
        await h.target.failNode()
      }),
      h.clock.drive(),
    ])
    expect(h.metrics.counters.writesLost).toBe(3)
    expect(h.metrics.counters.originWrites).toBe(0)
    expect(h.origin.currentVersion(0)).toBe(0)
    expect(h.cached(0)).toBeNull()
  })

  it('writes still waiting when the load ends are reported as pending and not sent', async () => {
    const h = await strategyHarness({name: 'write-behind', flushDelayMs: 100}, {readMs: 1, writeMs: 1})
    await Promise.all([h.strategy.write(0, h.steps).then(() => h.strategy.finish?.()), h.clock.drive()])
    expect(h.metrics.counters.writesPending).toBe(1)
    expect(h.metrics.counters.originWrites).toBe(0)
  })

  it('a delete goes to the origin at once and supersedes the writes waiting for the key', async () => {
    const h = await strategyHarness({name: 'write-behind', flushDelayMs: 10}, {readMs: 1, writeMs: 1})
    await Promise.all([h.strategy.write(0, h.steps), h.at(2, () => h.strategy.delete(0, h.steps)), h.clock.drive()])
    expect(h.metrics.counters.originWrites).toBe(1)
    expect(h.metrics.counters.writesCoalesced).toBe(1)
    expect(h.origin.currentVersion(0)).toBe(1)
    expect(h.cached(0)).toBeNull()
  })

  it('a delete waits for the landing of its own key\'s flush, not for one that landed before', async () => {
    // Key 0's flush runs t=5..15 and its delete, waiting for it, 15..25; key 1's flush, after both, t=25..35
    // (its pending writes and flight are the ones key 0's flush left).
    const h = await strategyHarness({name: 'write-behind', flushDelayMs: 5}, {readMs: 1, writeMs: 10})
    await Promise.all([
      h.strategy.write(0, h.steps),
      h.at(7, () => h.strategy.delete(0, h.steps)),
      h.at(20, () => h.strategy.write(1, h.steps)),
      h.at(27, () => h.strategy.delete(1, h.steps)),
      h.clock.drive(),
    ])
    expect(h.origin.currentVersion(0)).toBe(2)
    expect(h.origin.log.firstNewerCommitTime(0, 1)).toBe(25)
    // Key 1's delete waited for its flush to land at 35, then took its own 10 ms: committed at 45, not at 37.
    expect(h.origin.currentVersion(1)).toBe(2)
    expect(h.origin.log.firstNewerCommitTime(1, 1)).toBe(45)
    expect(h.metrics.counters.originWrites).toBe(4)
    expect(h.cached(0)).toBeNull()
    expect(h.cached(1)).toBeNull()
  })
})

function writeHeavy(name: StrategyName) {
  return testWorkload({
    seed: 3,
    keyspace: {count: 1000, distribution: 'zipfian', theta: 0.99},
    mix: {read: 0.5, write: 0.5, delete: 0},
    strategy: {name, ttlMs: 30_000, flushDelayMs: 200},
    origin: {latency: {distribution: 'fixed', ms: 2}},
    cache: {latency: {distribution: 'fixed', ms: 0.2}},
    load: {operations: 30_000, warmup: {operations: 0}, concurrency: 8},
  })
}

describe('write-behind in a run with a node failure', () => {
  it('write-behind loses writes when the node fails; write-through loses none', async () => {
    const events = [{atMs: 500, action: 'node-failure' as const}]
    const behind = (await runWorkload(writeHeavy('write-behind'), {events})).summary
    const through = (await runWorkload(writeHeavy('write-through'), {events})).summary
    expect(behind.origin.writesLost).toBeGreaterThan(0)
    expect(through.origin.writesLost).toBe(0)
    // Every acknowledged write is accounted for: flushed, folded into a later one, lost or pending.
    const o = behind.origin
    expect(o.writes + o.writesCoalesced + o.writesLost + o.writesPending).toBe(behind.writes)
    expect(through.origin.writes).toBe(through.writes)
    // The emptied node shows as misses after the failure.
    const calm = (await runWorkload(writeHeavy('write-behind'))).summary
    expect(calm.origin.writesLost).toBe(0)
    expect(behind.misses).toBeGreaterThan(calm.misses)
  })

  it('refuses node failures and leases on targets that cannot simulate them, before running', async () => {
    const lease = {...writeHeavy('lazy-loading'), strategy: {...writeHeavy('lazy-loading').strategy, lease: {retryAfterMs: 1, timeoutMs: 100}}}
    // A builtin target accepts both.
    await expect(runWorkload({...lease, load: {...lease.load, operations: 100}}, {events: [{atMs: 1, action: 'node-failure'}]})).resolves.toBeDefined()
  })
})

describe('write-behind stopped early on the simulation core', () => {
  it('ends without a hang, says it is incomplete, and accounts for every acknowledged write', async () => {
    const stop = new AbortController()
    const workload = {...writeHeavy('write-behind'), load: {...writeHeavy('write-behind').load, operations: 20_000_000}}
    // Stopped once progress shows operations under way: the flushes already due still land, the rest are pending.
    const onProgress = (snapshot: {operations: number}) => {
      if (snapshot.operations > 0) stop.abort()
    }
    const result = await runWorkload(workload, {engine: 'simulation', signal: stop.signal, onProgress})
    expect(result.complete).toBe(false)
    const {summary} = result
    expect(summary.operations).toBeGreaterThan(0)
    expect(summary.operations).toBeLessThan(20_000_000)
    expect(summary.origin.writesPending).toBeGreaterThan(0)
    const o = summary.origin
    expect(o.writes + o.writesCoalesced + o.writesLost + o.writesPending).toBe(summary.writes)
  })
})
