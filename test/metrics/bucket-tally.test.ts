import hdr from 'hdr-histogram-js'
import {beforeAll, describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {BucketTally} from '../../src/metrics/bucket-tally.js'
// Both of hdr-histogram-js's builds must end with the tally's counts.
beforeAll(() => hdr.initWebAssembly())

const PERCENTILES = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100]

describe('BucketTally', () => {
  it('leaves an HDR histogram with the counts it gets from the values one by one, from 0 to past 2^32', () => {
    const random = createRandom(7)
    // Integers over 0 … 2^45, log-spread so every bucket, the linear first one included, gets values.
    const values = Array.from({length: 20_000}, () => Math.floor(Math.exp(45 * Math.LN2 * random.next())) - 1)
    values.push(0, 1, 2047, 2048, 4095, 4096, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1)
    for (const wasm of [true, false]) {
      const direct = hdr.build({useWebAssembly: wasm, numberOfSignificantValueDigits: 3})
      const tallied = hdr.build({useWebAssembly: wasm, numberOfSignificantValueDigits: 3})
      const tally = new BucketTally()
      for (const value of values) {
        direct.recordValue(value)
        tally.add(value)
      }
      tally.drain((value, count) => tallied.recordValueWithCount(value, count))
      expect(tallied.totalCount).toBe(values.length)
      for (const p of PERCENTILES) expect(tallied.getValueAtPercentile(p), `p${p}`).toBe(direct.getValueAtPercentile(p))
      // Every populated bucket: the same cumulative counts at the same values. Only the raw
      // maximum differs (the tally hands over each bucket's lowest value); DurationHistogram keeps its own exact one.
      const distribution = (histogram: hdr.Histogram): string => histogram.outputPercentileDistribution().replace(/#\[Max[^,]*,/, '')
      expect(distribution(tallied)).toBe(distribution(direct))
      for (const histogram of [direct, tallied]) histogram.destroy()
    }
  })

  it('drains only what was added since the last drain, and clear forgets', () => {
    const tally = new BucketTally()
    const drained: Array<[number, number]> = []
    tally.add(5)
    tally.add(5)
    tally.add(3000)
    tally.drain((value, count) => drained.push([value, count]))
    expect(drained).toEqual([
      [5, 2],
      [3000, 1],
    ])
    tally.add(7)
    tally.clear()
    drained.length = 0
    tally.drain((value, count) => drained.push([value, count]))
    expect(drained).toEqual([])
  })

  it('leaves a growing histogram in the same state drained highest first as in slot order, after far fewer resizes', () => {
    const random = createRandom(11)
    const values = Array.from({length: 5000}, () => Math.floor(Math.exp(40 * Math.LN2 * random.next())))
    const ascending = new BucketTally()
    const highestFirst = new BucketTally()
    for (const value of values) {
      ascending.add(value)
      highestFirst.add(value)
    }
    const grown = (drain: (tally: BucketTally, record: (value: number, count: number) => void) => void, tally: BucketTally) => {
      const histogram = hdr.build({useWebAssembly: false, numberOfSignificantValueDigits: 3})
      const sizes = new Set<number>()
      drain(tally, (value, count) => {
        histogram.recordValueWithCount(value, count)
        sizes.add(histogram.highestTrackableValue)
      })
      const state = {encoded: hdr.encodeIntoCompressedBase64(histogram), highest: histogram.highestTrackableValue, total: histogram.totalCount, sizes: sizes.size}
      histogram.destroy()
      return state
    }
    const inOrder = grown((tally, record) => tally.drain(record), ascending)
    const first = grown((tally, record) => tally.drainHighestFirst(record), highestFirst)
    expect(first.total).toBe(values.length)
    expect(first.encoded).toBe(inOrder.encoded)
    expect(first.highest).toBe(inOrder.highest)
    // One size from the first value on, against one per bucket reached in slot order.
    expect(first.sizes).toBe(1)
    expect(inOrder.sizes).toBeGreaterThan(20)
  })
})
