import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {secondPassIntervals} from '../helpers/second-pass.js'
import {testWorkload} from '../helpers/workload.js'

const INTERVAL_MS = 100

/** Lazy loading, read-only, sequential keys: misses on the first pass, hits from the second. */
const secondPass = (keys: number, load: object) =>
  testWorkload({
    keyspace: {count: keys, distribution: 'sequential'},
    mix: {read: 1, write: 0, delete: 0},
    origin: {latency: {distribution: 'fixed', ms: 50}},
    load,
  })

function figures(timeline: Array<{operations: number; hitRatio: number | null; originReadsPerSecond: number}>) {
  return timeline.map((point) => ({operations: point.operations, hits: Math.round((point.hitRatio ?? 0) * point.operations), originReads: (point.originReadsPerSecond * INTERVAL_MS) / 1000}))
}

describe('timeline intervals hold the operations intended to start in them (builtin, simulated time)', () => {
  it('open loop: a miss that completes 50 ms later counts where it was meant to start, not where it came back', async () => {
    // 1000/s for 4 s, the first 500 as warm-up; 1,500 keys, so the second pass begins at 1.5 s.
    const keys = 1500
    const result = await runWorkload(secondPass(keys, {rate: 1000, operations: 4000, warmup: {operations: 500}}), {intervalMs: INTERVAL_MS})
    const expected = secondPassIntervals({operations: 4000, warmup: 500, keys, startMs: (i) => i, intervalMs: INTERVAL_MS})
    expect(expected).toHaveLength(35)
    expect(expected.every((interval) => interval.operations === 100)).toBe(true)
    // Every miss reads the origin once: an interval's origin reads are its misses.
    const oracle = expected.map(({operations, hits}) => ({operations, hits, originReads: operations - hits}))
    expect(figures(result.timeline)).toEqual(oracle)
    expect(result.timeline.every((point) => point.durationMs === INTERVAL_MS)).toBe(true)
  })

  it('closed loop: an operation counts in the interval where it started', async () => {
    // One slot, every read a 50 ms miss: operation i starts at 50·i ms, two per interval.
    const result = await runWorkload(secondPass(10_000, {concurrency: 1, operations: 61, warmup: {operations: 1}}), {intervalMs: INTERVAL_MS})
    const expected = secondPassIntervals({operations: 61, warmup: 1, keys: 10_000, startMs: (i) => 50 * i, intervalMs: INTERVAL_MS})
    expect(figures(result.timeline)).toEqual(expected.map(({operations}) => ({operations, hits: 0, originReads: operations})))
  })
})
