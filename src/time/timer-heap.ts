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
    const last = this.times.length - 1
    this.move(last, 0)
    this.times.pop()
    this.sequences.pop()
    this.callbacks.pop()
    if (this.times.length > 1) this.siftDown(0)
    return top
  }

  private before(a: number, b: number): boolean {
    return this.times[a] < this.times[b] || (this.times[a] === this.times[b] && this.sequences[a] < this.sequences[b])
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]
    this.sequences[to] = this.sequences[from]
    this.callbacks[to] = this.callbacks[from]
  }

  private swap(a: number, b: number): void {
    const t = this.times[a]
    this.times[a] = this.times[b]
    this.times[b] = t
    const s = this.sequences[a]
    this.sequences[a] = this.sequences[b]
    this.sequences[b] = s
    const c = this.callbacks[a]
    this.callbacks[a] = this.callbacks[b]
    this.callbacks[b] = c
  }

  private siftUp(index: number): void {
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (!this.before(index, parent)) return
      this.swap(index, parent)
      index = parent
    }
  }

  private siftDown(index: number): void {
    const length = this.times.length
    for (;;) {
      const left = 2 * index + 1
      const right = left + 1
      let smallest = index
      if (left < length && this.before(left, smallest)) smallest = left
      if (right < length && this.before(right, smallest)) smallest = right
      if (smallest === index) return
      this.swap(index, smallest)
      index = smallest
    }
  }
}
