import {describe, expect, it} from 'vitest'
import {runWorkload} from '../../src/runner/run-workload.js'
import {testWorkload} from '../helpers/workload.js'

describe('open loop on simulated time', () => {
  it('starts operations at the given rate whatever their latency, and measures from the intended start', async () => {
    const result = await runWorkload(
      testWorkload({
        strategy: {name: 'none'},
        origin: {latency: {distribution: 'fixed', ms: 5}, concurrency: 64},
        load: {rate: 1000, operations: 5000},
      }),
    )
    // Starts every 1 ms from t=0; the last at 4999 ms, done 5 ms later.
    expect(result.load.mode).toBe('open')
    expect(result.durationMs).toBe(4999 + 5)
    expect(result.summary.throughput).toBeCloseTo(5000 / 5.004, 0)
    expect(result.latencyMs.read!.p50).toBeCloseTo(5, 2)
    expect(result.serviceTimeMs!.read!.p50).toBeCloseTo(5, 2)
    expect(result.load.dropped).toBe(0)
    // 5 ms per operation at 1000/s: five in flight, as Little's law says — six for an instant when
    // a start and a completion fall on the same millisecond and the start goes first.
    expect(result.summary.origin.peakConcurrency).toBeGreaterThanOrEqual(5)
    expect(result.summary.origin.peakConcurrency).toBeLessThanOrEqual(6)
  })

  it('a timed run spans its whole schedule: 1,000 arrivals a second for 2 s measure 1,000 a second', async () => {
    const result = await runWorkload(
      testWorkload({
        strategy: {name: 'none'},
        origin: {latency: {distribution: 'fixed', ms: 0.2}, concurrency: 64},
        load: {rate: 1000, operations: null, durationMs: 2000},
      }),
    )
    // The last start at 1999 ms is done at 1999.2; the load was offered until 2000.
    expect(result.summary.operations).toBe(2000)
    expect(result.durationMs).toBe(2000)
    expect(result.summary.throughput).toBe(1000)
    expect(result.timeline.at(-1)).toMatchObject({atMs: 1000, durationMs: 1000, operations: 1000, throughput: 1000})
  })

  it('constant arrivals at 5,000 a second put exactly 5,000 starts in every 1-second interval', async () => {
    // A gap of 0.2 ms is not exact in binary: summed 5,000 times it drifts across interval edges.
    const result = await runWorkload(
      testWorkload({
        strategy: {name: 'none'},
        origin: {latency: {distribution: 'fixed', ms: 0.1}, concurrency: 64},
        load: {rate: 5000, arrival: 'constant', operations: null, durationMs: 6000, warmup: {operations: 0}},
      }),
      {intervalMs: 1000},
    )
    expect(result.timeline.map((point) => point.operations)).toEqual([5000, 5000, 5000, 5000, 5000, 5000])
  })

  it('Poisson arrivals keep the mean rate', async () => {
    const result = await runWorkload(
      testWorkload({strategy: {name: 'none'}, load: {rate: 2000, arrival: 'poisson', operations: 20_000}}),
    )
    // The sum of 20,000 exponential gaps has a relative standard deviation of 1/√20000 ≈ 0.7%.
    expect(result.durationMs / 10_000).toBeGreaterThan(0.97)
    expect(result.durationMs / 10_000).toBeLessThan(1.03)
  })

  it('an overloaded origin makes response time grow while each operation’s own service stays bounded by the queue; extra starts are dropped', async () => {
    const result = await overloaded(1000, 50)
    // Capacity is 500/s against 1000/s offered: the queue fills to maxInFlight and then about
    // half of the starts find no free slot.
    expect(result.load.dropped).toBeGreaterThan(1500)
    expect(result.load.dropped).toBeLessThan(2100)
    expect(result.summary.operations + result.load.dropped).toBe(4000)
    // With 50 in flight, each waits for the 49 ahead of it: about 100 ms.
    expect(result.latencyMs.read!.p99).toBeGreaterThan(90)
    expect(result.latencyMs.read!.p99).toBeLessThan(110)
    expect(result.warnings.join(' ')).toMatch(/were not started because 50 were already in flight/)
  })

  it('says how many starts were dropped as the reports write counts, with thousands separators', async () => {
    const result = await overloaded(10_000, 2)
    // Capacity is 500/s against 10,000/s offered: all but about one start in twenty are dropped.
    expect(result.load.dropped).toBeGreaterThan(1000)
    expect(result.warnings).toContain(`${result.load.dropped.toLocaleString('en-US')} operations were not started because 2 were already in flight (load.maxInFlight).`)
    expect(result.warnings.join(' ')).toMatch(/^\d,\d{3} operations were not started/)
  })
})

describe('timeline', () => {
  it('splits the measured span into intervals whose figures add up to the summary', async () => {
    const result = await runWorkload(
      testWorkload({
        keyspace: {count: 2000, distribution: 'uniform'},
        cache: {maxItems: 1000},
        origin: {latency: {distribution: 'fixed', ms: 1}},
        load: {rate: 2000, operations: 20_000, warmup: {operations: 2000}},
      }),
      {intervalMs: 1000},
    )
    const points = result.timeline
    // 18,000 measured starts at 2000/s: 9 s, so 9 full intervals and a last one of a few ms.
    expect(points.length).toBeGreaterThanOrEqual(9)
    expect(points.length).toBeLessThanOrEqual(10)
    expect(points.reduce((sum, p) => sum + p.operations, 0)).toBe(result.summary.operations)
    expect(points[1].throughput).toBeCloseTo(2000, -1)
    // The cache holds half of the keys: after warm-up every interval hits about half the time.
    for (const point of points.slice(0, 9)) expect(Math.abs((point.hitRatio ?? 0) - 0.5)).toBeLessThan(0.05)
    expect(points.map((p) => p.atMs).slice(0, 3)).toEqual([0, 1000, 2000])
  })
})

describe('stopping early', () => {
  it('an aborted run stops starting operations and says it is incomplete', async () => {
    const controller = new AbortController()
    const workload = testWorkload({origin: {latency: {distribution: 'fixed', ms: 1}}, load: {operations: 1_000_000, concurrency: 4}})
    // Every key is cached after the first few thousand operations, so the rest take no simulated
    // time: the run must still let the timer that aborts it fire.
    setTimeout(() => controller.abort(), 50)
    const result = await runWorkload(workload, {signal: controller.signal})
    expect(result.complete).toBe(false)
    expect(result.summary.operations).toBeGreaterThan(0)
    expect(result.summary.operations).toBeLessThan(1_000_000)
    expect(result.summary.reads).toBe(result.summary.operations)
  })
})

/** 4,000 starts at `rate` on an origin of one connection at 2 ms a query (500 a second), none cached. */
function overloaded(rate: number, maxInFlight: number) {
  return runWorkload(
    testWorkload({
      strategy: {name: 'none'},
      origin: {latency: {distribution: 'fixed', ms: 2}, concurrency: 1},
      load: {rate, operations: 4000, maxInFlight},
    }),
  )
}
