import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {ReadAnswer} from '../../src/strategies/strategy.js'
import type {StrategyName} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'
import {strategyHarness} from './harness.js'

describe('refresh-ahead, step by step', () => {
  it('a hit in the last refreshAt of the TTL refreshes the entry once in the background; earlier hits do not', async () => {
    const h = await strategyHarness({name: 'refresh-ahead', ttlMs: 100, refreshAt: 0.5}, {readMs: 5, writeMs: 1})
    // Filled at t=5, expiring at t=105; refresh threshold at t=55.
    const answers = await Promise.all([
      h.strategy.read(0, h.steps),
      h.at(30, () => h.strategy.read(0, h.steps)),
      h.at(60, () => h.strategy.read(0, h.steps)),
      h.at(61, () => h.strategy.read(0, h.steps)),
      // Past the first expiry, but the refresh (t=60..65) renewed it until t=165, with 55 ms
      // left: no second refresh.
      h.at(110, () => h.strategy.read(0, h.steps)),
      h.clock.drive(),
    ])
    expect((answers.slice(1, 5) as ReadAnswer[]).map((answer) => answer.fromCache)).toEqual([true, true, true, true])
    expect(h.metrics.counters.refreshes).toBe(1)
    expect(h.metrics.counters.originReads).toBe(2)
  })

  it('without a TTL nothing is ever refreshed', async () => {
    const h = await strategyHarness({name: 'refresh-ahead', ttlMs: null}, {readMs: 5, writeMs: 1})
    await Promise.all([h.strategy.read(0, h.steps), h.at(1000, () => h.strategy.read(0, h.steps)), h.clock.drive()])
    expect(h.metrics.counters.refreshes).toBe(0)
  })
})

function hotKeys(name: StrategyName) {
  return testWorkload({
    seed: 9,
    keyspace: {count: 200, distribution: 'zipfian', theta: 0.99},
    mix: {read: 1, write: 0, delete: 0},
    strategy: {name, ttlMs: 200, refreshAt: 0.3},
    origin: {latency: {distribution: 'fixed', ms: 5}},
    cache: {latency: {distribution: 'fixed', ms: 0.2}},
    load: {operations: 40_000, warmup: {operations: 0}, concurrency: 4},
  })
}

describe('refresh-ahead in a run', () => {
  it('keeps hot keys cached through their expiry: more hits than lazy-loading, paid for with background origin reads', async () => {
    const lazy = (await runWorkload(hotKeys('lazy-loading'))).summary
    const ahead = (await runWorkload(hotKeys('refresh-ahead'))).summary
    expect(ahead.origin.refreshes).toBeGreaterThan(0)
    expect(lazy.origin.refreshes).toBe(0)
    expect(ahead.hitRatio).toBeGreaterThan(lazy.hitRatio)
    // Origin reads are the misses plus the refreshes, so offload counts the refreshes' cost.
    expect(ahead.origin.reads).toBe(ahead.misses + ahead.origin.refreshes)
    expect(lazy.origin.reads).toBe(lazy.misses)
  })
})
