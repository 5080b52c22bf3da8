import {InputError} from '../errors.js'
import type {KeyDistribution, KeyDistributionFactory} from './key-distribution.js'
import type {Random} from './random.js'
import {uniformIndex} from './uniform.js'

/**
 * YCSB's HotspotIntegerGenerator: the first floor(hotFraction × count) keys form the hot set; an
 * operation goes to it with probability hotOpFraction, uniformly within it, otherwise uniformly
 * to the cold rest.
 */
class HotspotKeys implements KeyDistribution {
  private readonly hotCount: number
  private readonly coldCount: number
  /** hotOpFraction, forced to 0 or 1 when one of the sets is empty so no draw lands in nothing. */
  private readonly hotProbability: number
  private readonly random: Random

  constructor(count: number, hotFraction: number, hotOpFraction: number, random: Random) {
    this.hotCount = Math.floor(count * hotFraction)
    this.coldCount = count - this.hotCount
    this.hotProbability = this.hotCount === 0 ? 0 : this.coldCount === 0 ? 1 : hotOpFraction
    this.random = random
  }

  nextKey(): number {
    if (this.random.next() < this.hotProbability) return uniformIndex(this.random, this.hotCount)
    return this.hotCount + uniformIndex(this.random, this.coldCount)
  }

  nextWriteKey(): number {
    return this.nextKey()
  }
}

export const createHotspotKeys: KeyDistributionFactory = (spec, random) => {
  const {hotFraction, hotOpFraction} = spec.hotspot
  requireFraction('keyspace.hotspot.hotFraction', hotFraction)
  requireFraction('keyspace.hotspot.hotOpFraction', hotOpFraction)
  return new HotspotKeys(spec.count, hotFraction, hotOpFraction, random)
}

function requireFraction(field: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new InputError(`${field} must be between 0 and 1, got ${value}.`)
}
