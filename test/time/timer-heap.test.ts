import {describe, expect, it} from 'vitest'
import {createRandom} from '../../src/generators/random.js'
import {TimerHeap} from '../../src/time/timer-heap.js'

describe('TimerHeap', () => {
  it('pops in time order, equal times in the order they were pushed, through any interleaving of pushes and pops', () => {
    const random = createRandom(3)
    const heap = new TimerHeap()
    // The reference: a list kept sorted by (time, push order), written out in the test.
    const reference: Array<{time: number; order: number}> = []
    const popped: number[] = []
    const expected: number[] = []
    let order = 0
    for (let step = 0; step < 20_000; step++) {
      if (reference.length === 0 || random.next() < 0.55) {
        // Few distinct times, so ties are common.
        const time = Math.floor(random.next() * 50)
        const mine = order++
        heap.push(time, () => popped.push(mine))
        reference.push({time, order: mine})
      } else {
        reference.sort((a, b) => a.time - b.time || a.order - b.order)
        expect(heap.peekTime()).toBe(reference[0].time)
        expected.push((reference.shift() as {order: number}).order)
        heap.pop()()
      }
      expect(heap.size).toBe(reference.length)
    }
    expect(popped).toEqual(expected)
    expect(expected.length).toBeGreaterThan(8000)
  })
})
