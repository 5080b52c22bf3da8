import {describe, expect, it} from 'vitest'
import {Timeline} from '../../src/metrics/timeline.js'

/** The interval of each completion by the definition: floor((at − origin) / interval), a straggler in the open one. */
function expectedCounts(times: number[], origin: number, intervalMs: number): number[] {
  const counts: number[] = []
  let open = 0
  for (const at of times) {
    open = Math.max(open, Math.floor((at - origin) / intervalMs))
    counts[open] = (counts[open] ?? 0) + 1
  }
  return Array.from({length: counts.length}, (_, index) => counts[index] ?? 0)
}

/** The largest double below a positive `value`. */
function previousDouble(value: number): number {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  view.setBigUint64(0, view.getBigUint64(0) - 1n)
  return view.getFloat64(0)
}

describe('timeline intervals', () => {
  it('puts completions on, just below and just above interval boundaries where the division puts them', () => {
    const origin = 0.3
    const intervalMs = 0.3
    const times: number[] = []
    for (let index = 1; index < 300; index++) {
      const boundary = origin + index * intervalMs
      // Rounding makes origin + k·interval land on either side of the division's boundary: both are exercised.
      times.push(boundary - 1e-9, previousDouble(previousDouble(boundary)), previousDouble(boundary), boundary, boundary + 1e-12)
    }
    const timeline = new Timeline(intervalMs, origin)
    for (const at of times) timeline.operation(at)
    const points = timeline.finish(times.at(-1)! + intervalMs)
    expect(points.map((point) => point.operations)).toEqual(expectedCounts(times, origin, intervalMs))
  })

  // A part's timeline encodes each interval's reads (its result carries them); a whole run's keeps snapshots.
  const pointsByMode = new Map<boolean, unknown>()
  it.each([true, false])('counts operations that complete out of order in the interval of their start, also across widening (reads encoded: %s)', (encodeReads) => {
    // 50,000 starts 0.5 ms apart on 1 ms intervals: widened twice (to 4 ms) to stay within 10,000.
    // Each completes about 301 starts later, neighbours in swapped order (1, 0, 3, 2, …), so a
    // later operation's read often comes before an earlier one's end, within an interval and
    // across. Reads are few (a histogram per interval with reads is what costs time): the first
    // 16 of every 2,000 operations, and twenty around each widening (starts 20,000 and 40,000)
    // whose intervals are half done then. Every third is a hit; a read's latency is 1 + its index mod 7.
    const timeline = new Timeline(1, 0, encodeReads)
    const operations = 50_000
    const lag = 301
    const startOf = (index: number) => index / 2
    const isRead = (index: number) => index % 2000 < 16 || (index % 20_000 >= 19_690 && index % 20_000 < 19_710)
    const done = new Uint8Array(operations)
    const complete = (index: number) => {
      if (isRead(index)) timeline.read(startOf(index), 1 + (index % 7), index % 3 === 0, false)
      timeline.operation(startOf(index))
      done[index] = 1
    }
    for (let index = 0; index < operations; index++) {
      timeline.started(startOf(index))
      if (index >= lag) complete((index - lag) ^ 1)
    }
    for (let index = 0; index < operations; index++) if (done[index] === 0) complete(index)
    const points = timeline.finish(startOf(operations))
    expect(timeline.intervalMs).toBe(4)
    expect(points).toHaveLength(operations / 8)
    for (const [interval, point] of points.entries()) {
      const reads = Array.from({length: 8}, (_, offset) => 8 * interval + offset).filter(isRead)
      const figures = {atMs: point.atMs, durationMs: point.durationMs, operations: point.operations, reads: point.reads, hits: Math.round((point.hitRatio ?? 0) * reads.length)}
      const latencies = reads.map((index) => 1 + (index % 7)).sort((a, b) => a - b)
      // The interval's histogram (what merges read) holds every one of its reads; only a part's result carries it.
      expect({...figures, readP50: point.readP50, readP99: point.readP99, histogramCount: timeline.counts[interval].read?.count ?? 0}).toEqual({
        atMs: 4 * interval,
        durationMs: 4,
        operations: 8,
        reads: reads.length,
        histogramCount: encodeReads ? reads.length : 0,
        hits: reads.filter((index) => index % 3 === 0).length,
        readP50: reads.length === 0 ? null : expect.closeTo(latencies[Math.ceil(latencies.length / 2) - 1], 2),
        readP99: reads.length === 0 ? null : expect.closeTo(latencies.at(-1)!, 2),
      })
    }
    // Widening combined the same buckets either way: every figure is the same to the last digit.
    pointsByMode.set(encodeReads, points)
    if (pointsByMode.size === 2) expect(pointsByMode.get(false)).toEqual(pointsByMode.get(true))
  })
})
