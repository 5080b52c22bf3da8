import type {KeyDistribution, KeyDistributionFactory} from './key-distribution.js'
import type {Random} from './random.js'

/**
 * A uniform index in [0, bound). The draw carries 32 random bits, so bounds up to 2^32 reach
 * every index; the residual bias is at most bound / 2^32 relative, far below sampling noise.
 */
export function uniformIndex(random: Random, bound: number): number {
  return Math.floor(random.next() * bound)
}

class UniformKeys implements KeyDistribution {
  private readonly count: number
  private readonly random: Random

  constructor(count: number, random: Random) {
    this.count = count
    this.random = random
  }

  nextKey(): number {
    return uniformIndex(this.random, this.count)
  }

  nextWriteKey(): number {
    return uniformIndex(this.random, this.count)
  }
}

/** Every key equally likely (YCSB's UniformLongGenerator). */
export const createUniformKeys: KeyDistributionFactory = (spec, random) => new UniformKeys(spec.count, random)
