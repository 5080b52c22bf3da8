import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {MAX_TIMELINE_INTERVALS} from '../../src/metrics/timeline.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import type {Workload} from '../../src/workload/types.js'
import {testWorkload} from '../helpers/workload.js'

// Widening joins intervals while operations counted in them are still in flight: their later
// counts (reads, origin reads, ends) must still land in the interval their start went to, on the
// simulation core as on the async path, whose events come in another order.

const INTERVAL_MS = 0.05

/** Origin reads of up to ~40 ms and 0.3 ms cache commands: each operation spans many 0.05 ms intervals. */
const base = {
  keyspace: {count: 3000, distribution: 'zipfian' as const},
  strategy: {ttlMs: 200},
  origin: {latency: {distribution: 'lognormal' as const, medianMs: 2, p99Ms: 20}, concurrency: 6},
  cache: {maxItems: 600, latency: {distribution: 'uniform' as const, minMs: 0.05, maxMs: 0.3}},
  mix: {read: 9, write: 1},
}

const workloads: Array<[string, Workload]> = [
  ['a closed loop of 24 slots', testWorkload({...base, load: {concurrency: 24, operations: 12_000, warmup: {operations: 500}}})],
  ['an open loop of Poisson arrivals', testWorkload({...base, load: {rate: 4000, arrival: 'poisson', maxInFlight: 64, operations: 12_000, warmup: {operations: 500}}})],
]

function sum(result: Result, pick: (point: Result['timeline'][number]) => number): number {
  return result.timeline.reduce((total, point) => total + pick(point), 0)
}

describe('the timeline widened while operations are in flight', () => {
  it.each(workloads)('%s: the core and the async path give the same intervals, and they add up to the summary', async (_name, workload) => {
    const reference = await runWorkload(workload, {engine: 'async', intervalMs: INTERVAL_MS})
    const core = await runWorkload(workload, {engine: 'simulation', intervalMs: INTERVAL_MS})
    // Widened: far more than MAX_TIMELINE_INTERVALS intervals of 0.05 ms fit in the run.
    expect(core.durationMs / INTERVAL_MS).toBeGreaterThan(4 * MAX_TIMELINE_INTERVALS)
    expect(core.timelineIntervalMs ?? 0).toBeGreaterThanOrEqual(4 * INTERVAL_MS)
    expect(core.timeline.length).toBeLessThanOrEqual(MAX_TIMELINE_INTERVALS)
    // Every measured operation, read and origin read counted in exactly one interval.
    expect(sum(core, (point) => point.operations)).toBe(core.summary.operations)
    expect(sum(core, (point) => point.reads ?? 0)).toBe(core.summary.reads)
    expect(core.histograms?.timeline.reduce((total, counts) => total + counts.originReads, 0)).toBe(core.summary.origin.reads)
    expect(core.timeline).toEqual(reference.timeline)
    expect(core.histograms?.timeline).toEqual(reference.histograms?.timeline)
  })
})
