import {fnv1a64Mod} from './fnv1a64.js'
import type {KeyDistribution, KeyDistributionFactory} from './key-distribution.js'
import {createZipfRanks, type RankSampler} from './zipf-ranks.js'

/**
 * YCSB's ScrambledZipfianGenerator: a zipfian rank, hashed (FNV-1a 64) onto the keyspace, so the
 * popular keys are scattered instead of clustered at the low indices (which would, for example,
 * put them all on the same shard of a range-partitioned cluster). Distinct ranks can hash to the
 * same key, so some keys receive no traffic; the popularity profile of the hot keys is kept.
 *
 * Unlike YCSB, the hash is taken as an unsigned 64-bit number (YCSB uses the absolute value of
 * the signed one) and the zipfian runs over `count` ranks rather than a fixed 10^10.
 */
class ScrambledZipfianKeys implements KeyDistribution {
  private readonly count: number
  private readonly ranks: RankSampler

  constructor(count: number, ranks: RankSampler) {
    this.count = count
    this.ranks = ranks
  }

  nextKey(): number {
    return fnv1a64Mod(this.ranks.next(), this.count)
  }

  nextWriteKey(): number {
    return fnv1a64Mod(this.ranks.next(), this.count)
  }
}

export const createScrambledZipfianKeys: KeyDistributionFactory = (spec, random) =>
  new ScrambledZipfianKeys(spec.count, createZipfRanks(spec.count, spec.theta, random))
