import {describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {DurationHistogram} from '../../src/metrics/histogram.js'

// Percentiles above 0 (a timeline asks for 50 and 99), and the ones whose counts fall on a bucket's edge.
const PERCENTILES = [0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100]

/** Two histograms given the same values: one to read through the HDR histogram, one through its tally. */
function twins(values: readonly number[]): [DurationHistogram, DurationHistogram] {
  const pair: [DurationHistogram, DurationHistogram] = [new DurationHistogram(), new DurationHistogram()]
  for (const histogram of pair) for (const value of values) histogram.record(value)
  return pair
}

describe('DurationHistogram.takeFromTally', () => {
  it.each([
    ['log-spread latencies from 1 µs to about 1 h', (next: () => number) => Math.exp(Math.log(1e-3) + Math.log(3.6e9) * next()), 20_000],
    ['a few values many times each (a fixed latency, counts on bucket edges)', (next: () => number) => [0.2, 0.2, 0.2, 5, 40][Math.floor(next() * 5)], 1000],
    ['one value', () => 7.5, 1],
    ['zeros and sub-nanosecond values', (next: () => number) => (next() < 0.5 ? 0 : next() * 1e-7), 300],
  ])('gives the percentiles and snapshot the HDR histogram gives: %s', (_, draw, count) => {
    const random = createRandom(5)
    const values = Array.from({length: count}, () => draw(() => random.next()))
    const [viaHdr, viaTally] = twins(values)
    const expected = PERCENTILES.map((p) => viaHdr.percentile(p))
    const snapshot = viaHdr.snapshot()
    const taken = viaTally.takeFromTally(PERCENTILES)
    expect(taken?.values).toEqual(expected)
    expect(taken?.snapshot).toEqual(snapshot)
    // Taken away: the histogram starts over, and records afresh as a new one would.
    expect(viaTally.count).toBe(0)
    viaTally.record(3)
    expect(viaTally.percentile(50)).toBe(twins([3])[0].percentile(50))
  })

  it('declines, taking nothing, once values reached the HDR histogram (added parts, a value past the tally, a percentile read)', () => {
    const [a] = twins([1, 2, 3])
    a.add(twins([4])[0].snapshot())
    expect(a.takeFromTally([50])).toBeUndefined()
    expect(a.count).toBe(4)
    const [b] = twins([1, 2, 3])
    b.percentile(50)
    expect(b.takeFromTally([50])).toBeUndefined()
    const [c] = twins([1, 2 ** 60])
    expect(c.takeFromTally([50])).toBeUndefined()
    // After a reset the tally holds everything again.
    c.reset()
    c.record(2)
    expect(c.takeFromTally([50])?.values).toEqual([twins([2])[0].percentile(50)])
  })
})
