import {INITIAL_CAPACITY, NO_CALLBACK} from './timer-heap.js'

/**
 * Timers that arrive in (time, sequence) order, kept first in, first out in a ring that doubles
 * when full: where a heap sifts each entry through its levels, this appends and takes from the
 * front. The caller keeps the order (TimerQueue puts a timer here only when it is due no
 * earlier than the last one here).
 */
export class TimerLane {
  private times = new Float64Array(INITIAL_CAPACITY)
  private sequences = new Float64Array(INITIAL_CAPACITY)
  private callbacks: Array<() => void> = Array.from({length: INITIAL_CAPACITY}, () => NO_CALLBACK)
  private head = 0
  private count = 0
  /** Time of the timer added last (-Infinity: none yet), which the next must not precede. */
  lastTime = -Infinity

  get size(): number {
    return this.count
  }

  /** Time of the first timer (Infinity: none). */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[this.head]
  }

  /** Sequence of the first timer; call only when size > 0. */
  peekSequence(): number {
    return this.sequences[this.head]
  }

  /** Appends a timer due no earlier than `lastTime`. */
  push(time: number, sequence: number, callback: () => void): void {
    if (this.count === this.times.length) this.grow()
    const index = (this.head + this.count++) & (this.times.length - 1)
    this.times[index] = time
    this.sequences[index] = sequence
    this.callbacks[index] = callback
    this.lastTime = time
  }

  /** Removes the first timer and returns its callback; call only when size > 0. */
  shift(): () => void {
    const callbacks = this.callbacks
    const head = this.head
    const callback = callbacks[head]
    callbacks[head] = NO_CALLBACK
    this.head = (head + 1) & (this.times.length - 1)
    this.count--
    return callback
  }

  private grow(): void {
    const capacity = this.times.length
    const times = new Float64Array(capacity * 2)
    const sequences = new Float64Array(capacity * 2)
    const callbacks: Array<() => void> = []
    for (let offset = 0; offset < capacity; offset++) {
      const index = (this.head + offset) & (capacity - 1)
      times[offset] = this.times[index]
      sequences[offset] = this.sequences[index]
      callbacks.push(this.callbacks[index])
    }
    for (let offset = capacity; offset < capacity * 2; offset++) callbacks.push(NO_CALLBACK)
    this.times = times
    this.sequences = sequences
    this.callbacks = callbacks
    this.head = 0
  }
}
