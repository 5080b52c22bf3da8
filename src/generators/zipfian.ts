import type {KeyDistribution, KeyDistributionFactory} from './key-distribution.js'
import {createZipfRanks, type RankSampler} from './zipf-ranks.js'

class ZipfianKeys implements KeyDistribution {
  private readonly ranks: RankSampler

  constructor(ranks: RankSampler) {
    this.ranks = ranks
  }

  nextKey(): number {
    return this.ranks.next()
  }

  nextWriteKey(): number {
    return this.ranks.next()
  }
}

/** Key = zipfian rank: key 0 is the hottest, popularity falling with the index (YCSB's ZipfianGenerator). */
export const createZipfianKeys: KeyDistributionFactory = (spec, random) =>
  new ZipfianKeys(createZipfRanks(spec.count, spec.theta, random))
