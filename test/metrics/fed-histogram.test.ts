import {describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {DurationHistogram} from '../../src/metrics/histogram.js'

/** Latency-like values in ms over four decades, with zeros and a few values past the tally's range (2^53 ns). */
function values(seed: number, count: number): number[] {
  const random = createRandom(seed)
  return Array.from({length: count}, (_, index) => (index % 997 === 0 ? 1e11 : index % 101 === 0 ? 0 : 0.05 * Math.exp(7 * random.next())))
}

describe('a histogram fed by others (a phase feeding the whole run)', () => {
  it('ends with the figures of one histogram that recorded every value itself, read at any moment', () => {
    const whole = new DurationHistogram()
    const direct = new DurationHistogram()
    const phases = [new DurationHistogram(), new DurationHistogram(), new DurationHistogram()]
    for (const phase of phases) phase.alsoRecordInto = whole
    const list = values(7, 30_000)
    list.forEach((value, index) => {
      // Phases take turns unevenly, and the whole is read (settled) part-way through.
      phases[Math.floor(index / 7000) % phases.length].record(value)
      direct.record(value)
      if (index === 12_345) expect(whole.summary()).toEqual(direct.summary())
    })
    // Values recorded into the whole itself count beside the fed ones.
    whole.record(3.25)
    direct.record(3.25)
    expect(whole.summary()).toEqual(direct.summary())
    expect(whole.encode()).toEqual(direct.encode())
    expect(whole.count).toBe(list.length + 1)
  })

  it('keeps a feeder’s values after the feeder is reset or destroyed, and forgets them with its own reset', () => {
    const whole = new DurationHistogram()
    const direct = new DurationHistogram()
    const interval = new DurationHistogram()
    interval.alsoRecordInto = whole
    for (const value of values(11, 5000)) {
      interval.record(value)
      direct.record(value)
    }
    interval.reset()
    expect(interval.count).toBe(0)
    for (const value of values(12, 3000)) {
      interval.record(value)
      direct.record(value)
    }
    interval.destroy()
    expect(whole.summary()).toEqual(direct.summary())

    const other = new DurationHistogram()
    other.alsoRecordInto = whole
    other.record(1)
    whole.reset()
    expect(whole.summary().count).toBe(0)
    expect(whole.percentile(50)).toBe(0)
    other.record(2)
    expect(whole.summary()).toMatchObject({count: 1, p50: 2, max: 2, min: 2})
  })
})
