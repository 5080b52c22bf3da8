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

  it('counts operations that complete out of order in the interval of their start, also across widening', () => {
    // 25,000 starts 1 ms apart on 1 ms intervals: widened twice (to 4 ms) to stay within 10,000.
    // Each completes 300 starts later. The first 8 of every 1,000 are reads (few: a histogram per
    // interval with reads is what costs time), every third of those a hit; a read's latency is 1 + its start mod 7.
    const timeline = new Timeline(1, 0)
    const starts = 25_000
    const lag = 300
    const isRead = (at: number) => at % 1000 < 8
    const complete = (at: number) => {
      if (isRead(at)) timeline.read(at, 1 + (at % 7), at % 3 === 0, false)
      timeline.operation(at)
    }
    for (let at = 0; at < starts; at++) {
      timeline.started(at)
      if (at >= lag) complete(at - lag)
    }
    for (let at = starts - lag; at < starts; at++) complete(at)
    const points = timeline.finish(starts)
    expect(timeline.intervalMs).toBe(4)
    expect(points).toHaveLength(starts / 4)
    for (const [index, point] of points.entries()) {
      const reads = [0, 1, 2, 3].map((offset) => 4 * index + offset).filter(isRead)
      expect({atMs: point.atMs, durationMs: point.durationMs, operations: point.operations, reads: point.reads, hits: Math.round((point.hitRatio ?? 0) * reads.length), readP99: point.readP99}).toEqual({
        atMs: 4 * index,
        durationMs: 4,
        operations: 4,
        reads: reads.length,
        hits: reads.filter((at) => at % 3 === 0).length,
        readP99: reads.length === 0 ? null : expect.closeTo(Math.max(...reads.map((at) => 1 + (at % 7))), 2),
      })
    }
  })
})
