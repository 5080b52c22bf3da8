import {describe, expect, it} from 'vitest'
import {VirtualClock} from '../../src/runner/virtual-clock.js'

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
