/** Timers a store of them holds before its first growth (heap and lane alike). */
export const INITIAL_CAPACITY = 64
/** What a free place in a store of timers holds: one function, so the callback arrays keep one element kind. */
export const NO_CALLBACK = (): void => {}

/**
 * A binary min-heap of (time, sequence) timers; the sequence keeps equal times in FIFO order.
 * Times and sequences sit in typed arrays (one element kind, no boxing), so the comparisons the
 * simulation core makes for every command stay on plain doubles.
 */
export class TimerHeap {
  private times = new Float64Array(INITIAL_CAPACITY)
  private sequences = new Float64Array(INITIAL_CAPACITY)
  private callbacks: Array<() => void> = Array.from({length: INITIAL_CAPACITY}, () => NO_CALLBACK)
  private count = 0
  private nextSequence = 0

  get size(): number {
    return this.count
  }

  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[0]
  }

  /** The sequence of the earliest timer; call only when size > 0. */
  peekSequence(): number {
    return this.sequences[0]
  }

  push(time: number, callback: () => void): void {
    this.pushInSequence(time, this.nextSequence++, callback)
  }

  /** Adds a timer whose sequence the caller numbered: one count shared with another store of timers (timer-queue.ts). */
  pushInSequence(time: number, sequence: number, callback: () => void): void {
    if (this.count === this.times.length) this.grow()
    this.siftUp(this.count++, time, sequence, callback)
  }

  /** Removes the earliest timer and returns its callback. */
  pop(): () => void {
    const callbacks = this.callbacks
    const top = callbacks[0]
    const last = --this.count
    // The array keeps its length (a pop resizes it): the slot past the end is only cleared.
    const callback = callbacks[last]
    callbacks[last] = NO_CALLBACK
    if (last > 0) this.siftDown(this.times[last], this.sequences[last], callback)
    return top
  }

  // Sifting moves a hole, not the entry: each level costs one copy instead of a three-array
  // swap, and the entry is written once where it lands (the heap runs per simulated command).

  /** Places the entry (time, sequence, callback) from the hole at `index` up. */
  private siftUp(index: number, time: number, sequence: number, callback: () => void): void {
    const {times, sequences, callbacks} = this
    while (index > 0) {
      const parent = (index - 1) >> 1
      const parentTime = times[parent]
      if (parentTime < time || (parentTime === time && sequences[parent] < sequence)) break
      times[index] = parentTime
      sequences[index] = sequences[parent]
      callbacks[index] = callbacks[parent]
      index = parent
    }
    times[index] = time
    sequences[index] = sequence
    callbacks[index] = callback
  }

  /** Places the entry (time, sequence, callback) from the root down, into the hole left at the top. */
  private siftDown(time: number, sequence: number, callback: () => void): void {
    const {times, sequences, callbacks} = this
    const length = this.count
    let index = 0
    for (;;) {
      let child = 2 * index + 1
      if (child >= length) break
      let childTime = times[child]
      const right = child + 1
      if (right < length) {
        const rightTime = times[right]
        if (rightTime < childTime || (rightTime === childTime && sequences[right] < sequences[child])) {
          child = right
          childTime = rightTime
        }
      }
      if (time < childTime || (time === childTime && sequence < sequences[child])) break
      times[index] = childTime
      sequences[index] = sequences[child]
      callbacks[index] = callbacks[child]
      index = child
    }
    times[index] = time
    sequences[index] = sequence
    callbacks[index] = callback
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2)
    times.set(this.times)
    this.times = times
    const sequences = new Float64Array(this.sequences.length * 2)
    sequences.set(this.sequences)
    this.sequences = sequences
    for (let index = this.callbacks.length; index < times.length; index++) this.callbacks.push(NO_CALLBACK)
  }
}
