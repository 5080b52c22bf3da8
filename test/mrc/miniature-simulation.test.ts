import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {spatialHash, TWO_POW_32} from '../../src/generators/spatial-sample.js'
import {computeCurve} from '../../src/mrc/compute-curve.js'
import {testWorkload} from '../helpers/workload.js'

const KEYS = 20_000
const RATE = 0.1
const SIZES = [4_000, 18_000]
// Uniform keys: under any eviction policy a full cache of C of N keys hits C/N of the reads.
// FIFO is not a stack algorithm, so the curve has to be simulated.
const workload = testWorkload({
  keyspace: {count: KEYS, distribution: 'uniform'},
  cache: {eviction: 'fifo'},
  // Warm-up: a FIFO of 18k of 20k uniform keys fills after ~N·ln(N/(N−C)) ≈ 46k reads.
  load: {rate: 10_000, operations: 120_000, warmup: {operations: 60_000}},
})

/** Keys the miniature draws from, counted by first principles. */
function sampledKeyCount(): number {
  let count = 0
  for (let key = 0; key < KEYS; key++) if (spatialHash(key) < RATE * TWO_POW_32) count++
  return count
}

describe('miniature simulation (--sample on a simulated curve)', () => {
  it('matches the full simulation and the known curve of uniform keys, on a tenth of the keys', async () => {
    const sizes = {unit: 'items' as const, values: SIZES}
    const miniature = await computeCurve(workload, {sizes, threads: 1, sampleRate: RATE})
    const full = await computeCurve(workload, {sizes, threads: 1})
    expect(miniature.method).toBe('simulation')
    expect(miniature.methodReason).toBe('the eviction policy is fifo')
    expect(full.sampling).toBeNull()
    const sampling = miniature.sampling
    expect(sampling?.rate).toBe(RATE)
    expect(sampling?.expectedError).toBeCloseTo(1 / (2 * Math.sqrt(KEYS * RATE)), 6)
    const keys = sampledKeyCount()
    const reads = (120_000 - 60_000) * RATE
    miniature.points.forEach((point, index) => {
      expect(point.size).toBe(SIZES[index])
      // The miniature cache holds size × rate of the sampled keys.
      const expected = Math.round(SIZES[index] * RATE) / keys
      const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / reads)
      expect(Math.abs(point.hitRatio - expected)).toBeLessThan(tolerance)
      expect(Math.abs(point.hitRatio - full.points[index].hitRatio)).toBeLessThan((sampling?.expectedError ?? 0) + tolerance)
      // Origin reads are reported at the full request rate.
      expect(point.originReadsPerSec).toBeCloseTo(10_000 * point.missRatio, -2)
    })
  })

  it('follows the full simulation on skewed keys with a TTL, where the few hottest keys sway the sample', async () => {
    // Zipfian keys are ranks: the hottest carries ~9% of the requests, so the sample's share of
    // the traffic is not the rate, and the miniature must scale its load by the share it measured.
    const skewed = testWorkload({
      keyspace: {count: 50_000, distribution: 'zipfian'},
      strategy: {name: 'lazy-loading', ttlMs: 5_000},
      load: {rate: 10_000, operations: 150_000, warmup: {operations: 50_000}},
    })
    const sizes = {unit: 'items' as const, values: [10_000]}
    const miniature = await computeCurve(skewed, {sizes, threads: 1, sampleRate: RATE})
    const full = await computeCurve(skewed, {sizes, threads: 1})
    expect(miniature.methodReason).toBe('entries have a TTL')
    const [estimate, truth] = [miniature.points[0].hitRatio, full.points[0].hitRatio]
    // TTL expiry keeps the curve well below 1 here, so agreement is not a saturated cache's.
    expect(truth).toBeLessThan(0.85)
    expect(Math.abs(estimate - truth)).toBeLessThan(2 * (miniature.sampling?.expectedError ?? 0))
  })

  it('refuses a miniature it cannot scale, naming why', async () => {
    const sizes = {unit: 'items' as const, values: [1_000]}
    const closed = testWorkload({keyspace: {count: KEYS}, cache: {eviction: 'fifo'}})
    await expect(computeCurve(closed, {sizes, sampleRate: RATE})).rejects.toThrow(/closed loop has none; give --rate/)
    const memcached = {...workload, cache: {...workload.cache, model: 'memcached' as const}}
    await expect(computeCurve(memcached, {sizes, sampleRate: RATE})).rejects.toThrow(InputError)
    await expect(computeCurve(workload, {sizes, sampleRate: 0.001})).rejects.toThrow(/only ~20 of the 20000 keys would be sampled/)
    await expect(computeCurve(workload, {sizes, sampleKeys: 500})).rejects.toThrow(/--sample-keys needs the stack-distance method/)
  })
})
