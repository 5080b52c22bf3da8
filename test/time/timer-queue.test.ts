import {describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {Lane, TimerQueue} from '../../src/time/timer-queue.js'

describe('TimerQueue', () => {
  it('pops in (time, order added) whether a timer went through push or pushInOrder, in or out of order', () => {
    const random = createRandom(11)
    const queue = new TimerQueue()
    // The reference: a list kept sorted by (time, order added), written out in the test.
    const reference: Array<{time: number; order: number}> = []
    const popped: number[] = []
    const expected: number[] = []
    let order = 0
    let now = 0
    let inOrder = 0
    for (let step = 0; step < 30_000; step++) {
      if (reference.length === 0 || random.next() < 0.55) {
        // Mostly one of two constant delays (in order, each in a lane of its own), sometimes a drawn
        // one; few distinct times, so ties are common, within a lane and across the three stores.
        const draw = random.next()
        const lane = draw < 0.4 ? Lane.commands : draw < 0.7 ? Lane.waits : undefined
        const time = now + (lane === Lane.commands ? 2 : lane === Lane.waits ? 3 : Math.floor(random.next() * 6))
        const mine = order++
        if (lane === undefined) queue.push(time, () => popped.push(mine))
        else {
          inOrder++
          queue.pushInOrder(time, () => popped.push(mine), lane)
        }
        reference.push({time, order: mine})
      } else {
        reference.sort((a, b) => a.time - b.time || a.order - b.order)
        expect(queue.peekTime()).toBe(reference[0].time)
        const next = reference.shift() as {time: number; order: number}
        expected.push(next.order)
        now = next.time
        queue.pop()()
      }
      expect(queue.size).toBe(reference.length)
    }
    expect(popped).toEqual(expected)
    expect(expected.length).toBeGreaterThan(12_000)
    expect(inOrder).toBeGreaterThan(10_000)
  })

  it('keeps the order of timers added in order past the lane ring growing', () => {
    const queue = new TimerQueue()
    const popped: number[] = []
    // 1,000 timers at 10 distinct times, none popped until all are in: the lane grows from 64 several times.
    for (let index = 0; index < 1000; index++) queue.pushInOrder(Math.floor(index / 100), () => popped.push(index))
    // One earlier than the lane's last goes to the heap and still comes first.
    queue.pushInOrder(0.5, () => popped.push(-1))
    while (queue.size > 0) queue.pop()()
    expect(popped.slice(0, 101)).toEqual([...Array.from({length: 100}, (_, index) => index), -1])
    expect(popped.slice(101)).toEqual(Array.from({length: 900}, (_, index) => index + 100))
  })
})
