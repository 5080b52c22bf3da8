import {describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {rotateKeys} from '../../src/generators/rotated-keys.js'
import type {PhaseResult, Result} from '../../src/metrics/result.js'
import {PhasedArrivals} from '../../src/runner/phase-arrivals.js'
import {runWorkload} from '../../src/runner/run-workload.js'
import {parseWorkload} from '../../src/workload/load-workload.js'
import type {PhaseSpec} from '../../src/workload/types.js'

const run = (yaml: string, intervalMs = 1000): Promise<Result> => runWorkload(parseWorkload(`version: 1\n${yaml}`, 'phased.yaml'), {intervalMs})

function rampPhase(from: number, to: number, durationMs: number): PhaseSpec {
  return {
    name: 'ramp',
    durationMs,
    rate: {from, to},
    concurrency: null,
    mix: {read: 1, write: 0, delete: 0},
    keyspace: {count: 10, distribution: 'uniform', theta: 0.99, hotspot: {hotFraction: 0.2, hotOpFraction: 0.8}, exponential: {percentile: 95, fraction: 0.9}},
    rotate: 0,
  }
}

describe('phased arrivals', () => {
  it('place a ramp’s starts where the integrated rate reaches each whole operation', () => {
    // From 0 to 2000/s over 10 s: the rate is 0.2·t ops/ms², so n operations are due by
    // t = sqrt(2n / 0.0002) ms = 100·sqrt(n) ms.
    const arrivals = new PhasedArrivals([rampPhase(0, 2000, 10_000)], 'constant', createRandom(1))
    for (const n of [1, 4, 100, 2500, 9999]) expect(arrivals.timeOfMark(n)).toBeCloseTo(100 * Math.sqrt(n), 6)
    expect(arrivals.timeOfMark(10_001)).toBe(Number.POSITIVE_INFINITY)
  })

  it('carry a gap across a boundary into the next phase’s rate, and follow a ramp down', () => {
    // 1000/s for 1 s (1000 operations), then 4000/s falling to 0 over 2 s (4000 more).
    const arrivals = new PhasedArrivals(
      [rampPhase(1000, 1000, 1000), {...rampPhase(4000, 0, 2000), name: 'down'}],
      'constant',
      createRandom(1),
    )
    expect(arrivals.timeOfMark(500)).toBeCloseTo(500, 9)
    // Half an operation past the boundary: 4τ − τ²/1000 = 0.5, just over 0.125 ms at 4 ops/ms.
    expect(arrivals.timeOfMark(1000.5)).toBeCloseTo(1000 + (4 - Math.sqrt(16 - 0.002)) * 500, 6)
    // Half of the second phase's 4000 are due where 4τ − τ²/1000 = 2000: τ = 2000 − √2·1000.
    expect(arrivals.timeOfMark(3000)).toBeCloseTo(1000 + 2000 - Math.SQRT2 * 1000, 6)
    expect(arrivals.timeOfMark(5000)).toBeCloseTo(3000, 6)
  })
})

describe('rotated keys', () => {
  it('move every pick the same number of places, wrapping at the end of the keyspace', () => {
    let next = 0
    const picks = [0, 3, 7, 9]
    const keys = rotateKeys({nextKey: () => picks[next++], nextWriteKey: () => picks[next++]}, 4, 10)
    expect([keys.nextKey(), keys.nextKey(), keys.nextWriteKey(), keys.nextKey()]).toEqual([4, 7, 1, 3])
  })
})

describe('a phased open loop', () => {
  it('ramps throughput linearly: each interval starts the operations the rate integrates to', async () => {
    const result = await run(`
strategy: {name: none}
origin: {latency: 1ms}
phases:
  - {name: ramp, duration: 10s, rate: {from: 1000/s, to: 5000/s}}
`)
    const intervals = result.timeline.filter((point) => point.durationMs === 1000)
    expect(intervals.length).toBe(10)
    intervals.forEach((point, second) => {
      // ∫ from second to second+1 of (1000 + 400 t) dt.
      const expected = 1000 + 400 * (second + 0.5)
      expect(Math.abs(point.throughput - expected) / expected).toBeLessThan(0.01)
    })
    expect(result.summary.operations).toBeGreaterThanOrEqual(29_999)
    expect(result.summary.operations).toBeLessThanOrEqual(30_001)
    expect(result.load.mode).toBe('open')
    expect(result.load.rate).toBe(3000)
  })

  it('Poisson arrivals follow the ramp on average', async () => {
    const result = await run(`
strategy: {name: none}
origin: {latency: 1ms}
load: {arrival: poisson}
phases:
  - {duration: 10s, rate: {from: 0, to: 6000/s}}
`)
    // 30,000 expected; a Poisson count's standard deviation is √30000 ≈ 0.6%.
    expect(Math.abs(result.summary.operations - 30_000) / 30_000).toBeLessThan(0.03)
    const firstHalf = result.timeline.slice(0, 5).reduce((sum, point) => sum + point.operations, 0)
    // Up to 5 s the ramp has delivered a quarter of its operations.
    expect(Math.abs(firstHalf / result.summary.operations - 0.25)).toBeLessThan(0.02)
  })

  it('a hot-key rotation makes the hit ratio drop at the boundary and recover to where it was', async () => {
    const result = await run(
      `
seed: 3
keyspace: {count: 10000, distribution: zipfian}
mix: {read: 100}
origin: {latency: 1ms}
cache: {maxItems: 1000}
load: {warmup: 5s}
phases:
  - {name: steady, duration: 10s, rate: 2000/s}
  - {name: shifted, duration: 10s, rate: 2000/s, keyspace: {rotate: 0.5}}
`,
      250,
    )
    const mean = (points: Result['timeline']): number => points.reduce((sum, point) => sum + (point.hitRatio ?? 0), 0) / points.length
    // Measurement starts at 5 s, so the shift comes at 5 s of the timeline: interval 20.
    const before = mean(result.timeline.slice(12, 20))
    const atShift = result.timeline[20].hitRatio as number
    const settled = mean(result.timeline.slice(32, 40))
    expect(result.timeline[20].atMs).toBe(5000)
    expect(atShift).toBeLessThan(before - 0.2)
    // The rotation keeps the popularity profile, so the cache settles at the same hit ratio.
    expect(Math.abs(settled - before)).toBeLessThan(0.04)
    const [steady, shifted] = result.phases as PhaseResult[]
    expect(shifted.summary.hitRatio).toBeLessThan(steady.summary.hitRatio)
    expect(result.phases?.map((phase) => [phase.name, phase.startMs])).toEqual([
      ['steady', 0],
      ['shifted', 10_000],
    ])
  })
})

describe('per-phase results', () => {
  it('add up to the whole run, with each phase’s mix and concurrency in its own figures', async () => {
    const result = await run(`
seed: 11
keyspace: {count: 5000, distribution: zipfian}
mix: {read: 90, write: 10}
strategy: {name: write-through, ttl: 2s}
origin: {latency: 2ms, concurrency: 64}
cache: {maxItems: 2000}
load: {concurrency: 4, warmup: 2000}
phases:
  - {name: reads-only, duration: 4s, mix: {read: 100}}
  - {name: busy, duration: 3s, concurrency: 16, mix: {read: 50, write: 50}}
  - {name: back, duration: 4s}
`)
    const phases = result.phases as PhaseResult[]
    expect(phases.map((phase) => phase.concurrency)).toEqual([4, 16, 4])
    const sum = (pick: (phase: PhaseResult) => number): number => phases.reduce((total, phase) => total + pick(phase), 0)
    const whole = result.summary
    for (const [name, pick] of [
      ['operations', (s: typeof whole) => s.operations],
      ['reads', (s: typeof whole) => s.reads],
      ['writes', (s: typeof whole) => s.writes],
      ['hits', (s: typeof whole) => s.hits],
      ['misses', (s: typeof whole) => s.misses],
      ['staleReads', (s: typeof whole) => s.staleReads],
      ['origin.reads', (s: typeof whole) => s.origin.reads],
      ['origin.writes', (s: typeof whole) => s.origin.writes],
      ['cache.sets', (s: typeof whole) => s.cache.sets],
      ['cache.wastedWrites', (s: typeof whole) => s.cache.wastedWrites],
      ['cache.expirations', (s: typeof whole) => s.cache.expirations],
    ] as const) {
      expect({name, value: sum((phase) => pick(phase.summary))}).toEqual({name, value: pick(whole)})
    }
    expect(sum((phase) => phase.latencyMs.read?.count ?? 0)).toBe(result.latencyMs.read?.count)
    expect(sum((phase) => phase.durationMs)).toBeCloseTo(result.durationMs, 9)
    const [readsOnly, busy, back] = phases
    expect(readsOnly.summary.writes).toBe(0)
    expect(Math.abs(busy.summary.writes / busy.summary.operations - 0.5)).toBeLessThan(0.03)
    expect(Math.abs(back.summary.writes / back.summary.operations - 0.1)).toBeLessThan(0.02)
    // The warm-up's 2000 operations all fall in the first phase.
    expect(readsOnly.summary.operations).toBeLessThan(result.load.operations - busy.summary.operations - back.summary.operations)
  })

  it('a closed loop adds and retires slots at phase boundaries', async () => {
    const result = await run(`
strategy: {name: none}
mix: {read: 100}
origin: {latency: 2ms, concurrency: 64}
phases:
  - {duration: 2s, concurrency: 1}
  - {duration: 2s, concurrency: 8}
  - {duration: 2s, concurrency: 3}
`)
    // Every operation is one 2 ms origin read: c in flight complete c / 2 ms = 500·c per second.
    const throughputs = (result.phases as PhaseResult[]).map((phase) => phase.summary.throughput)
    expect(throughputs[0]).toBeCloseTo(500, -1)
    expect(throughputs[1]).toBeCloseTo(4000, -1)
    expect(throughputs[2]).toBeCloseTo(1500, -1)
    // The 2 ms operations complete together, so the last phase starts with none in flight.
    expect((result.phases as PhaseResult[]).map((phase) => phase.summary.origin.peakConcurrency)).toEqual([1, 8, 3])
    expect(result.summary.origin.peakConcurrency).toBe(8)
  })

  it('split into parts, add up to the whole run exactly, phase by phase (open loop)', async () => {
    const workload = parseWorkload(
      `version: 1
seed: 5
keyspace: {count: 5000, distribution: zipfian}
mix: {read: 90, write: 10}
origin: {latency: 1ms}
cache: {maxItems: 1000}
phases:
  - {name: a, duration: 2s, rate: 1000/s}
  - {name: b, duration: 2s, rate: {from: 1000/s, to: 4000/s}, mix: {read: 50, write: 50}, keyspace: {rotate: 0.3}}
`,
      'parts.yaml',
    )
    const whole = await runWorkload(workload)
    const parts = await Promise.all([0, 1].map((index) => runWorkload(workload, {part: {index, count: 2}})))
    // Each part follows the whole run's arrivals and draws, so every operation lands in the same phase.
    for (const pick of [(s: Result['summary']) => s.operations, (s: Result['summary']) => s.reads, (s: Result['summary']) => s.writes]) {
      const byPhase = (result: Result) => (result.phases as PhaseResult[]).map((phase) => pick(phase.summary))
      expect(byPhase(parts[0]).map((count, index) => count + byPhase(parts[1])[index])).toEqual(byPhase(whole))
    }
    expect(whole.phases?.map((phase) => phase.summary.operations)).toEqual([2000, 5000])
  })

  it('leave a run without phases as it was', async () => {
    const result = await run(`
strategy: {name: none}
origin: {latency: 1ms}
load: {operations: 1000}
`)
    expect(result.phases).toBeUndefined()
  })
})
