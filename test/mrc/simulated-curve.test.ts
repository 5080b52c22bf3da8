import {describe, expect, it} from 'vitest'
import {computeCurve} from '../../src/mrc/compute-curve.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'

describe('curves by simulation', () => {
  it('simulates each size on worker threads, point for point as a run at that size', async () => {
    const workload = testWorkload({
      keyspace: {count: 2000, distribution: 'zipfian'},
      mix: {read: 0.9, write: 0.1, delete: 0},
      strategy: {name: 'lazy-loading', ttlMs: 2000},
      cache: {eviction: 'lfu'},
      load: {concurrency: 4, operations: 6000, warmup: {operations: 1000}},
    })
    const sizes = [50, 400, 1500]
    const curve = await computeCurve(workload, {sizes: {unit: 'items', values: sizes}, threads: 2})
    expect(curve.method).toBe('simulation')
    expect(curve.methodReason).toBe('entries have a TTL')
    const runs = await Promise.all(sizes.map((maxItems) => runWorkload({...workload, cache: {...workload.cache, maxItems}})))
    expect(curve.points.map((point) => point.size)).toEqual(sizes)
    expect(curve.points.map((point) => point.hitRatio)).toEqual(runs.map((run) => run.summary.hitRatio))
    expect(curve.points.map((point) => point.staleRatio)).toEqual(runs.map((run) => run.summary.staleRatio))
    // The curve's reads are the reads its runs measured, not 5,000 × 0.9 expected from the mix.
    expect(runs.map((run) => run.summary.reads)).toEqual(sizes.map(() => curve.reads))
    expect(curve.points.map((point) => point.reads)).toEqual(sizes.map(() => curve.reads))
    // A bigger LFU cache must not hit less.
    expect(curve.points[0].hitRatio).toBeLessThan(curve.points[2].hitRatio)
    // A closed loop sets no request rate: each size's run has a throughput of its own, so no origin reads per second.
    expect(curve.points.map((point) => point.originReadsPerSec)).toEqual([null, null, null])
  })

  it('gives origin reads per second at an open loop rate on a simulated curve: the run\'s origin reads over its time', async () => {
    const workload = testWorkload({
      keyspace: {count: 2000, distribution: 'zipfian'},
      strategy: {name: 'lazy-loading', ttlMs: 2000},
      load: {rate: 4000, operations: 12_000, warmup: {operations: 2000}},
    })
    const curve = await computeCurve(workload, {sizes: {unit: 'items', values: [200]}, threads: 1})
    expect(curve.method).toBe('simulation')
    const run = await runWorkload({...workload, cache: {...workload.cache, maxItems: 200}})
    expect(curve.points[0].originReadsPerSec).toBe(run.summary.origin.reads / (run.durationMs / 1000))
    expect(curve.points[0].originReadsPerSec).toBeCloseTo(4000 * curve.points[0].missRatio, -2)
  })

  it('gives origin reads per second from an open loop rate on the exact curve', async () => {
    const workload = testWorkload({keyspace: {count: 1000}, load: {rate: 5000, operations: 20_000, warmup: {operations: 10_000}}})
    const curve = await computeCurve(workload, {sizes: {unit: 'items', values: [500]}})
    expect(curve.method).toBe('exact-lru')
    const [point] = curve.points
    expect(point.originReadsPerSec).toBeCloseTo(5000 * point.missRatio, 6)
    expect(point.hitRatio).toBeGreaterThan(0.4)
    expect(point.hitRatio).toBeLessThan(0.6)
  })
})
