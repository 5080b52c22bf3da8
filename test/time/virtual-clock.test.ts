import {describe, expect, it} from 'vitest'
import {VirtualClock} from '../../src/time/virtual-clock.js'

describe('VirtualClock', () => {
  it('wakes sleepers in time order and advances now() to each wake-up', async () => {
    const clock = new VirtualClock()
    const woke: Array<[string, number]> = []
    const sleeper = async (name: string, ms: number) => {
      await clock.sleep(ms)
      woke.push([name, clock.now()])
    }
    const all = Promise.all([sleeper('c', 30), sleeper('a', 10), sleeper('b', 20), clock.drive()])
    await all
    expect(woke).toEqual([
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ])
  })

  it('keeps FIFO order among equal wake-up times and chains sleeps', async () => {
    const clock = new VirtualClock()
    const order: string[] = []
    const chain = async (name: string) => {
      await clock.sleep(5)
      order.push(`${name}1`)
      await clock.sleep(5)
      order.push(`${name}2`)
    }
    await Promise.all([chain('x'), chain('y'), clock.drive()])
    expect(order).toEqual(['x1', 'y1', 'x2', 'y2'])
    expect(clock.now()).toBe(10)
  })

  it('does not wait for zero or negative sleeps', async () => {
    const clock = new VirtualClock()
    await clock.sleep(0)
    await clock.sleep(-1)
    expect(clock.now()).toBe(0)
  })
})

describe('VirtualClock.tick', () => {
  it('yields a macrotask turn without letting simulated time move on', async () => {
    const clock = new VirtualClock()
    const seen: number[] = []
    const sleeper = async () => {
      await clock.sleep(10)
      seen.push(clock.now())
    }
    const yielder = async () => {
      for (let i = 0; i < 5; i++) await clock.tick()
      // Still at 0 after five turns, though a sleeper was due at 10 all along.
      seen.push(clock.now())
      await clock.sleep(3)
      seen.push(clock.now())
    }
    await Promise.all([sleeper(), yielder(), clock.drive()])
    expect(seen).toEqual([0, 3, 10])
  })
})
