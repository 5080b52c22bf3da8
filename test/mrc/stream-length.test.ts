import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {streamLengthOf} from '../../src/mrc/cache-accesses.js'
import {parseWorkload} from '../../src/workload/load-workload.js'

const workload = (text: string) => parseWorkload(`version: 1\nkeyspace: {count: 1000}\n${text}`, 'phased.yaml')

describe('the stream length a curve counts', () => {
  it('of an open-loop phased run: each phase at its own rate, a ramp at the middle of its ends, the warm-up over the first phases', () => {
    const phased = workload('load: {rate: 100, warmup: 1500ms}\nphases:\n  - {duration: 1s, rate: 400/s}\n  - {duration: 2s, rate: {from: 800/s, to: 1600/s}}\n')
    // 400 in the first second, then a ramp of 2 s averaging 1200/s: 2,800 in all. The warm-up takes the
    // first phase and half a second of the ramp, from 800/s to 1000/s: 400 + 450.
    expect(streamLengthOf(phased)).toEqual({requests: 2800, warmup: 850})
  })

  it('of a closed-loop phased run: none, and the refusal asks for rates, not the --operations phases refuse', () => {
    const closed = workload('phases:\n  - {name: a, duration: 1s, concurrency: 4}\n  - {name: b, duration: 1s, concurrency: 32}\n')
    expect(() => streamLengthOf(closed)).toThrow(InputError)
    expect(() => streamLengthOf(closed)).toThrow(
      'phased.yaml: a curve needs a fixed number of operations, and a closed-loop phased run has none (its phases set concurrency, not a rate); give every phase a rate instead of a concurrency.',
    )
  })
})
