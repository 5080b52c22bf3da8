import type {KeyDistribution, KeyDistributionFactory} from './key-distribution.js'
import {createZipfRanks, type RankSampler} from './zipf-ranks.js'

/**
 * Recently written keys are the most read, after YCSB's SkewedLatestGenerator, adapted to a fixed
 * keyspace: the keys form a ring with a head. Each write models the insert of a new record by
 * advancing the head one key (wrapping, so the oldest record is replaced); each read takes the key
 * a zipfian rank behind the head.
 */
class LatestKeys implements KeyDistribution {
  readonly modelsInserts = true
  private readonly count: number
  private readonly ranks: RankSampler
  /** The most recently written key; before any write, the last key, so the first write is key 0. */
  private head: number

  constructor(count: number, ranks: RankSampler) {
    this.count = count
    this.ranks = ranks
    this.head = count - 1
  }

  nextKey(): number {
    const key = this.head - this.ranks.next()
    return key < 0 ? key + this.count : key
  }

  nextWriteKey(): number {
    this.head = this.head + 1 === this.count ? 0 : this.head + 1
    return this.head
  }
}

export const createLatestKeys: KeyDistributionFactory = (spec, random) =>
  new LatestKeys(spec.count, createZipfRanks(spec.count, spec.theta, random))
