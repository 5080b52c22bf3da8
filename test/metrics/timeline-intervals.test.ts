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
})
