import type {KeyDistribution, KeyDistributionFactory} from './key-distribution.js'

/** Keys in order, 0 … count − 1, then again from 0; reads and writes advance one shared cursor. */
class SequentialKeys implements KeyDistribution {
  private readonly count: number
  private cursor = 0

  constructor(count: number) {
    this.count = count
  }

  nextKey(): number {
    const key = this.cursor
    this.cursor = key + 1 === this.count ? 0 : key + 1
    return key
  }

  nextWriteKey(): number {
    return this.nextKey()
  }
}

/** Draws nothing from the random stream: the sequence is the same for every seed. */
export const createSequentialKeys: KeyDistributionFactory = (spec) => new SequentialKeys(spec.count)
