const INITIAL_CAPACITY = 64
const NO_CALLBACK = (): void => {}

/**
 * A first-in, first-out queue of callbacks in a ring that doubles when full: taking from the
 * front costs no copy (an array's shift moves every element), and a queue that never empties —
 * slots handing their turn on to one another at one instant — keeps a fixed size.
 */
export class CallbackQueue {
  private ring: Array<() => void> = Array.from({length: INITIAL_CAPACITY}, () => NO_CALLBACK)
  private head = 0
  private count = 0

  get size(): number {
    return this.count
  }

  push(callback: () => void): void {
    if (this.count === this.ring.length) this.grow()
    this.ring[(this.head + this.count++) & (this.ring.length - 1)] = callback
  }

  /** Removes and returns the oldest callback; call only when size > 0. */
  shift(): () => void {
    const ring = this.ring
    const callback = ring[this.head]
    ring[this.head] = NO_CALLBACK
    this.head = (this.head + 1) & (ring.length - 1)
    this.count--
    return callback
  }

  private grow(): void {
    const ring = this.ring
    const grown: Array<() => void> = []
    for (let index = 0; index < ring.length; index++) grown.push(ring[(this.head + index) & (ring.length - 1)])
    for (let index = ring.length; index < ring.length * 2; index++) grown.push(NO_CALLBACK)
    this.ring = grown
    this.head = 0
  }
}
