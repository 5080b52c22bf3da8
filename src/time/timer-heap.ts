/** A binary min-heap of (time, sequence) timers; the sequence keeps equal times in FIFO order. */
export class TimerHeap {
  private times: number[] = []
  private sequences: number[] = []
  private callbacks: Array<() => void> = []
  private nextSequence = 0

  get size(): number {
    return this.times.length
  }

  peekTime(): number {
    return this.times.length === 0 ? Infinity : this.times[0]
  }

  push(time: number, callback: () => void): void {
    this.times.push(time)
    this.sequences.push(this.nextSequence++)
    this.callbacks.push(callback)
    this.siftUp(this.times.length - 1)
  }

  /** Removes the earliest timer and returns its callback. */
  pop(): () => void {
    const top = this.callbacks[0]
    const time = this.times.pop() as number
    const sequence = this.sequences.pop() as number
    const callback = this.callbacks.pop() as () => void
    if (this.times.length > 0) this.siftDown(time, sequence, callback)
    return top
  }

  // Sifting moves a hole, not the entry: each level costs one copy instead of a three-array
  // swap, and the entry is written once where it lands (the heap runs per simulated command).

  private siftUp(index: number): void {
    const {times, sequences, callbacks} = this
    const time = times[index]
    const sequence = sequences[index]
    const callback = callbacks[index]
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (times[parent] < time || (times[parent] === time && sequences[parent] < sequence)) break
      this.move(parent, index)
      index = parent
    }
    this.place(index, time, sequence, callback)
  }

  /** Places the entry (time, sequence, callback) from the root down, into the hole left at the top. */
  private siftDown(time: number, sequence: number, callback: () => void): void {
    const {times, sequences} = this
    const length = times.length
    let index = 0
    for (;;) {
      let child = 2 * index + 1
      if (child >= length) break
      const right = child + 1
      if (right < length && (times[right] < times[child] || (times[right] === times[child] && sequences[right] < sequences[child]))) child = right
      if (time < times[child] || (time === times[child] && sequence < sequences[child])) break
      this.move(child, index)
      index = child
    }
    this.place(index, time, sequence, callback)
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]
    this.sequences[to] = this.sequences[from]
    this.callbacks[to] = this.callbacks[from]
  }

  private place(index: number, time: number, sequence: number, callback: () => void): void {
    this.times[index] = time
    this.sequences[index] = sequence
    this.callbacks[index] = callback
  }
}
