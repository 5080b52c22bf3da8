import type {Random} from './random.js'

const TWO_PI = 2 * Math.PI

/**
 * Standard normal deviates by the Box–Muller transform. Each pair of uniforms yields two
 * independent deviates; the second is kept for the next call, so no draw is wasted.
 */
export class Gaussian {
  private readonly random: Random
  private spare = 0
  private hasSpare = false

  constructor(random: Random) {
    this.random = random
  }

  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false
      return this.spare
    }
    // 1 − U lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.random.next()))
    const angle = TWO_PI * this.random.next()
    this.spare = radius * Math.sin(angle)
    this.hasSpare = true
    return radius * Math.cos(angle)
  }
}
