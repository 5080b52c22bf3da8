import {TimerHeap} from './timer-heap.js'
import {TimerLane} from './timer-lane.js'

/**
 * Timers in (time, sequence) order, numbered in the order they were added, from two stores: a
 * heap for any time, and a lane (first in, first out) for timers added with `pushInOrder` that
 * are due no earlier than the lane's last. A simulation's cache commands all take the cache's
 * one latency, so they come due in the order they were sent: in the lane they skip the heap's
 * sifting, and the heap holds only the rest (origin queries of drawn latencies). Popping takes
 * the earlier of the two fronts, so the order is the one a single heap would give.
 */
export class TimerQueue {
  private readonly heap = new TimerHeap()
  private readonly lane = new TimerLane()
  private nextSequence = 0

  get size(): number {
    return this.heap.size + this.lane.size
  }

  peekTime(): number {
    const heapTime = this.heap.peekTime()
    const laneTime = this.lane.peekTime()
    return laneTime < heapTime ? laneTime : heapTime
  }

  push(time: number, callback: () => void): void {
    this.heap.pushInSequence(time, this.nextSequence++, callback)
  }

  /** As `push`, for a caller whose timers mostly come due in the order it adds them (a constant delay). */
  pushInOrder(time: number, callback: () => void): void {
    const lane = this.lane
    if (time >= lane.lastTime) lane.push(time, this.nextSequence++, callback)
    else this.heap.pushInSequence(time, this.nextSequence++, callback)
  }

  /** Removes the earliest timer and returns its callback; call only when size > 0. */
  pop(): () => void {
    const {heap, lane} = this
    if (lane.size === 0) return heap.pop()
    if (heap.size === 0) return lane.shift()
    const heapTime = heap.peekTime()
    const laneTime = lane.peekTime()
    if (heapTime < laneTime || (heapTime === laneTime && heap.peekSequence() < lane.peekSequence())) return heap.pop()
    return lane.shift()
  }
}
