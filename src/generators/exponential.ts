import {InputError} from '../errors.js'
import type {KeyDistribution, KeyDistributionFactory} from './key-distribution.js'
import type {Random} from './random.js'

/**
 * YCSB's ExponentialGenerator: key = floor(X), X exponential with rate
 * gamma = −ln(1 − percentile/100) / (fraction × count), so that `percentile` % of an unbounded
 * draw falls in the first fraction × count keys; draws beyond the keyspace are discarded.
 *
 * Instead of redrawing those, X is taken from the inverse CDF of the exponential truncated at
 * count, X = −ln(1 − U · (1 − e^(−gamma·count))) / gamma: the same distribution, one uniform per
 * key, and a bounded cost even when most of the untruncated mass lies beyond the keyspace.
 */
class ExponentialKeys implements KeyDistribution {
  private readonly count: number
  private readonly gamma: number
  /** 1 − e^(−gamma · count): the untruncated probability of landing inside the keyspace. */
  private readonly massInside: number
  private readonly random: Random

  constructor(count: number, percentile: number, fraction: number, random: Random) {
    this.count = count
    this.gamma = -Math.log1p(-percentile / 100) / (fraction * count)
    this.massInside = -Math.expm1(-this.gamma * count)
    this.random = random
  }

  nextKey(): number {
    const key = Math.floor(-Math.log1p(-this.random.next() * this.massInside) / this.gamma)
    return key < this.count ? key : this.count - 1
  }

  nextWriteKey(): number {
    return this.nextKey()
  }
}

export const createExponentialKeys: KeyDistributionFactory = (spec, random) => {
  const {percentile, fraction} = spec.exponential
  if (!(percentile > 0 && percentile < 100)) {
    throw new InputError(`keyspace.exponential.percentile must be greater than 0 and less than 100, got ${percentile}.`)
  }
  if (!(fraction > 0 && Number.isFinite(fraction))) {
    throw new InputError(`keyspace.exponential.fraction must be a positive number, got ${fraction}.`)
  }
  return new ExponentialKeys(spec.count, percentile, fraction, random)
}
