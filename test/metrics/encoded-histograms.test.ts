import hdr from 'hdr-histogram-js'
import {describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {mergeEncoded} from '../../src/merge/merged-histogram.js'
import {DurationHistogram} from '../../src/metrics/histogram.js'

/** Latency-like values in ms spread over four decades, from a seeded stream. */
function values(seed: number, count: number, scaleMs: number): number[] {
  const random = createRandom(seed)
  return Array.from({length: count}, () => scaleMs * Math.exp(6 * random.next()) * 0.01)
}

function recorded(list: readonly number[]): DurationHistogram {
  const histogram = new DurationHistogram()
  for (const value of list) histogram.record(value)
  return histogram
}

/** Nearest-rank percentile of the values themselves, which HDR at 3 digits must match within 0.1%. */
function exactPercentile(list: readonly number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]
}

describe('encoded histograms', () => {
  it('decode to the same percentiles, count, mean, min and max', () => {
    const original = recorded(values(1, 20_000, 5))
    const copy = new DurationHistogram()
    copy.add(original.encode())
    expect(copy.summary()).toEqual(original.summary())
    expect(copy.count).toBe(20_000)
    original.destroy()
    copy.destroy()
  })

  it('merged, give the percentiles of one histogram of both parts’ values, and the exact mean', () => {
    const a = values(2, 30_000, 1)
    const b = values(3, 10_000, 40)
    const parts = [recorded(a), recorded(b)]
    const both = recorded([...a, ...b])
    const merged = mergeEncoded(parts.map((part) => part.encode()))?.summary
    const single = both.summary()
    // Percentiles, count, min and max identical; the mean differs only by the order of float additions.
    expect({...merged, mean: 0}).toEqual({...single, mean: 0})
    expect(merged?.mean).toBeCloseTo(single.mean, 9)
    // And against the values themselves, independently of HDR: within its 0.1% resolution.
    const all = [...a, ...b]
    const stats = {p50: 50, p90: 90, p99: 99, p999: 99.9} as const
    for (const [name, p] of Object.entries(stats)) {
      const exact = exactPercentile(all, p)
      expect(Math.abs((merged?.[name as keyof typeof stats] as number) - exact) / exact).toBeLessThan(0.001)
    }
    expect(merged?.mean).toBeCloseTo(all.reduce((sum, value) => sum + value, 0) / all.length, 9)
    expect(merged?.min).toBe(Math.min(...all))
    expect(merged?.max).toBe(Math.max(...all))
    for (const histogram of [...parts, both]) histogram.destroy()
  })

  it('merge to nothing when no part has values', () => {
    const empty = new DurationHistogram()
    expect(mergeEncoded([empty.encode(), undefined])).toBeUndefined()
    empty.destroy()
  })

  it('encode as a histogram recorded value by value in hdr-histogram-js does, read before and after more values', () => {
    const first = values(5, 20_000, 40)
    const more = values(6, 5000, 400)
    const direct = hdr.build({useWebAssembly: false, numberOfSignificantValueDigits: 3})
    const histogram = new DurationHistogram()
    const encodedAfter = (list: readonly number[]): [string, string] => {
      for (const value of list) {
        histogram.record(value)
        direct.recordValue(Math.round(value * 1e6))
      }
      // The tally hands each bucket over at its lowest value, so the raw maximum is the one thing that may differ.
      const distribution = (encoded: string): string => {
        const decoded = hdr.decodeFromCompressedBase64(encoded, 32, false)
        const text = decoded.outputPercentileDistribution().replace(/#\[Max[^,]*,/, '')
        decoded.destroy()
        return text
      }
      return [distribution(histogram.encode().hdr), distribution(hdr.encodeIntoCompressedBase64(direct))]
    }
    const [once, onceDirect] = encodedAfter(first)
    expect(once).toBe(onceDirect)
    const [twice, twiceDirect] = encodedAfter(more)
    expect(twice).toBe(twiceDirect)
    expect(histogram.count).toBe(first.length + more.length)
    histogram.destroy()
    direct.destroy()
  })
})

