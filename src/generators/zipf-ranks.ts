import {InputError} from '../errors.js'
import {MAX_THETA} from '../workload/types.js'
import {ExactZipfRanks} from './exact-zipf-ranks.js'
import type {Random} from './random.js'
import {ZipfianRanks} from './zipfian-ranks.js'

/** Ranks in [0, n), rank 0 the most popular. */
export interface RankSampler {
  next(): number
}

/**
 * Below 1, YCSB's approximate zipfian, so runs compare with YCSB's and with earlier results; from
 * 1 up, where that approximation has no solution, the exact sampler.
 */
export function createZipfRanks(n: number, theta: number, random: Random): RankSampler {
  if (!(theta > 0 && theta <= MAX_THETA)) {
    throw new InputError(`keyspace.theta must be greater than 0 and at most ${MAX_THETA} for a zipfian distribution, got ${theta}.`)
  }
  return theta < 1 ? new ZipfianRanks(n, theta, random) : new ExactZipfRanks(n, theta, random)
}
