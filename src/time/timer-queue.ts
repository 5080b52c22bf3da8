import {TimerHeap} from './timer-heap.js'
import {TimerLane} from './timer-lane.js'

/**
 * The lanes timers added in order may keep to: one for each constant delay a simulation
 * schedules with, so that two constants (a cache's command latency, a strategy's fixed wait)
 * do not push each other's timers out of order and into the heap.
 */
export const Lane = {
  /** Cache commands: the cache's one latency. */
  commands: 0,
  /** A strategy's own waits: write-behind's flush delay, a lease's retry delay. */
  waits: 1,
} as const
export type Lane = (typeof Lane)[keyof typeof Lane]

/**
 * Timers in (time, sequence) order, numbered in the order they were added, from three stores: a
 * heap for any time, and two lanes (first in, first out) for timers added with `pushInOrder` that
 * are due no earlier than their lane's last. A simulation's cache commands all take the cache's
 * one latency, so they come due in the order they were sent, and a write-behind flush waits one
 * constant delay: in their lanes they skip the heap's sifting, and the heap holds only the rest
 * (origin queries of drawn latencies). Popping takes the earliest of the fronts, so the order is
 * the one a single heap would give.
 */
export class TimerQueue {
  private readonly heap = new TimerHeap()
  private readonly commands = new TimerLane()
  private readonly waits = new TimerLane()
  private nextSequence = 0

  get size(): number {
    return this.heap.size + this.commands.size + this.waits.size
  }

  peekTime(): number {
    const heapTime = this.heap.peekTime()
    const commandTime = this.commands.peekTime()
    const waitTime = this.waits.peekTime()
    const laneTime = waitTime < commandTime ? waitTime : commandTime
    return laneTime < heapTime ? laneTime : heapTime
  }

  push(time: number, callback: () => void): void {
    this.heap.pushInSequence(time, this.nextSequence++, callback)
  }

  /** As `push`, for a caller whose timers in `lane` mostly come due in the order it adds them (a constant delay). */
  pushInOrder(time: number, callback: () => void, lane: Lane = Lane.commands): void {
    const into = lane === Lane.commands ? this.commands : this.waits
    if (time >= into.lastTime) into.push(time, this.nextSequence++, callback)
    else this.heap.pushInSequence(time, this.nextSequence++, callback)
  }

  /** Removes the earliest timer and returns its callback; call only when size > 0. */
  pop(): () => void {
    const {heap, commands, waits} = this
    // The earlier of the two lanes' fronts, then that against the heap's.
    const lane = waits.size > 0 && (commands.size === 0 || precedes(waits, commands)) ? waits : commands
    if (lane.size === 0) return heap.pop()
    if (heap.size === 0) return lane.shift()
    const heapTime = heap.peekTime()
    const laneTime = lane.peekTime()
    if (heapTime < laneTime || (heapTime === laneTime && heap.peekSequence() < lane.peekSequence())) return heap.pop()
    return lane.shift()
  }
}

/** Whether lane a's front comes before lane b's (both non-empty). */
function precedes(a: TimerLane, b: TimerLane): boolean {
  const aTime = a.peekTime()
  const bTime = b.peekTime()
  return aTime < bTime || (aTime === bTime && a.peekSequence() < b.peekSequence())
}
