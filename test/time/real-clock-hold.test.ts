import {describe, expect, it} from 'vitest'
import {RealClock} from '../../src/time/real-clock.js'

/** Reads the clock until it moves past `from` (bounded: the wall clock moves within microseconds). */
function nextReading(clock: RealClock, from: number): number {
  for (let i = 0; i < 10_000_000; i++) {
    const now = clock.now()
    if (now !== from) return now
  }
  throw new Error('the clock did not move')
}

describe('RealClock.hold', () => {
  it('answers one reading until released, then the wall clock again', () => {
    const clock = new RealClock()
    const before = clock.now()
    expect(clock.hold()).toBe(true)
    const held = clock.now()
    expect(held).toBeGreaterThanOrEqual(before)
    // Time passes on the wall clock meanwhile; the held reading does not move.
    const wall = performance.now()
    for (let i = 0; i < 10_000_000 && performance.now() === wall; i++);
    expect(performance.now()).toBeGreaterThan(wall)
    expect(clock.now()).toBe(held)
    expect(clock.now()).toBe(held)
    clock.release()
    expect(nextReading(clock, held)).toBeGreaterThan(held)
  })

  it('a hold taken while one is held is refused and leaves the first in place', () => {
    const clock = new RealClock()
    expect(clock.hold()).toBe(true)
    const held = clock.now()
    expect(clock.hold()).toBe(false)
    expect(clock.now()).toBe(held)
    clock.release()
    expect(clock.hold()).toBe(true)
    expect(clock.now()).toBeGreaterThanOrEqual(held)
    clock.release()
  })
})
