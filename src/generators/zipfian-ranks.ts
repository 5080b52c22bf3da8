import {InputError} from '../errors.js'
import type {Random} from './random.js'
import {zeta} from './zeta.js'

/** Relative distance from a whole number within which tailRank's fast floor defers to Math.pow: 100 times its error bound. */
const CLOSE_TO_WHOLE = 2 ** -40

/**
 * The uniform's range [0, 1) cut into 2^18 equal buckets, for the memo of ranks (see learnBucket).
 * 2^18 two-byte entries, 512 KiB, stay in this machine's 2 MiB L2 cache beside the engine's
 * arrays; 2^16 buckets settled fewer draws (54% against 64% at zipfian 0.99 over 1M keys), and
 * 2^20 would fill the cache.
 */
const BUCKET_BITS = 18
const BUCKETS = 2 ** BUCKET_BITS
/** A bucket not met yet. */
const UNLEARNT = 0
/** A bucket whose draws fall on more than one rank, or near a rank's edge: each draw is computed. */
const VARIES = 1
/** A bucket whose every draw gets the same rank r is stored as r + RANK_OFFSET. */
const RANK_OFFSET = 2
const LARGEST_STORED_RANK = 0xffff - RANK_OFFSET
/**
 * How far (relative) both ends of a bucket must lie inside their rank's interval for the whole
 * bucket to take that rank: 10^5 times exp and log's error (under 1e-14, see tailRank), so no draw
 * between the ends can come out on another rank, nor close enough to a whole number to go to pow.
 */
const BUCKET_MARGIN = 1e-9

/**
 * Zipfian ranks in [0, n), P(rank r) ∝ 1 / (r + 1)^theta, rank 0 the most popular.
 *
 * The method of Gray et al., "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD
 * 1994), as in YCSB's ZipfianGenerator: ranks 0 and 1 get their exact probabilities, the rest
 * come from a closed-form inverse of a continuous approximation of the tail. One uniform and at
 * most one exp and one log per draw (see tailRank), after a one-off O(n) zeta (memoised).
 *
 * The tail's ranks are a non-decreasing function of the uniform, so most of the uniform's range
 * lies in stretches that all give one rank (rank r's stretch is as wide as its probability). A
 * memo of the uniform's buckets (see learnBucket) answers the draws that land in such a stretch
 * without exp and log: with zipfian(0.99) over 1M ranks, about half the tail's draws.
 */
export class ZipfianRanks {
  private readonly n: number
  private readonly zetaN: number
  private readonly alpha: number
  private readonly eta: number
  /** Below this, u · zeta(n) selects rank 1: 1 + 1/2^theta. */
  private readonly rankOneLimit: number
  private readonly random: Random
  /** Per bucket of the uniform: UNLEARNT, VARIES, or its one rank + RANK_OFFSET. */
  private readonly buckets = new Uint16Array(BUCKETS)

  constructor(n: number, theta: number, random: Random) {
    if (!(theta > 0 && theta < 1)) {
      throw new InputError(`keyspace.theta must be greater than 0 and less than 1 for a zipfian distribution, got ${theta}.`)
    }
    this.n = n
    this.random = random
    this.zetaN = zeta(n, theta)
    this.alpha = 1 / (1 - theta)
    this.rankOneLimit = 1 + Math.pow(0.5, theta)
    // With n ≤ 2 every draw is settled by the two exact ranks, and eta's denominator is zero.
    this.eta = n > 2 ? (1 - Math.pow(2 / n, 1 - theta)) / (1 - zeta(2, theta) / this.zetaN) : 0
  }

  next(): number {
    const u = this.random.next()
    // u * BUCKETS is exact (a power of two), so its floor is u's bucket.
    const bucket = (u * BUCKETS) | 0
    const known = this.buckets[bucket]
    if (known >= RANK_OFFSET) return known - RANK_OFFSET
    if (known === UNLEARNT) this.learnBucket(bucket)
    return this.rankOf(u)
  }

  private rankOf(u: number): number {
    const uz = u * this.zetaN
    if (uz < 1) return 0
    if (uz < this.rankOneLimit) return 1
    return this.tailOf(u)
  }

  private tailOf(u: number): number {
    return this.clampedTail(this.tailRank(this.baseOf(u)))
  }

  /** The formula maps the remaining draws onto [2, n); clamp only against rounding at the ends. */
  private clampedTail(rank: number): number {
    if (rank < 2) return 2
    return rank < this.n ? rank : this.n - 1
  }

  private baseOf(u: number): number {
    return this.eta * u - this.eta + 1
  }

  /**
   * Whether every draw in the bucket [b, b + 1) / BUCKETS gets one rank, found from its ends.
   * Ranks 0 and 1 are settled by u · zeta(n) alone, a product rounded to nearest, which keeps the
   * order of u's. In the tail, each step from u to n · base^alpha (products and sums rounded to
   * nearest, and exp and log within 1e-14 of exact) keeps their order up to that 1e-14: so if
   * both ends give rank r and lie more than BUCKET_MARGIN inside [r, r + 1), every draw between
   * them does too, and tailRank takes its fast floor for each. Buckets across the edges of ranks
   * 0 and 1, and ranks too large for the memo's entries, are computed draw by draw.
   */
  private learnBucket(bucket: number): void {
    const low = bucket / BUCKETS
    const high = (bucket + 1) / BUCKETS
    let known = VARIES
    if (high * this.zetaN < 1) known = RANK_OFFSET
    else if (low * this.zetaN >= 1 && high * this.zetaN < this.rankOneLimit) known = 1 + RANK_OFFSET
    else if (low * this.zetaN >= this.rankOneLimit) {
      const lowScaled = this.scaledTail(this.baseOf(low))
      const highScaled = this.scaledTail(this.baseOf(high))
      const rank = Math.floor(lowScaled)
      const margin = highScaled * BUCKET_MARGIN
      if (Math.floor(highScaled) === rank && lowScaled - rank > margin && rank + 1 - highScaled > margin) {
        const clamped = this.clampedTail(rank)
        if (clamped <= LARGEST_STORED_RANK) known = clamped + RANK_OFFSET
      }
    }
    this.buckets[bucket] = known
  }

  private scaledTail(base: number): number {
    return this.n * Math.exp(this.alpha * Math.log(base))
  }

  /**
   * floor(n · base^alpha), exactly as with Math.pow, at about half its cost: exp(alpha · log(base))
   * differs from pow's result by under 1e-14 of it (log's error, scaled by |alpha · log(base)| ≤
   * ln n, plus exp's own), so its floor is pow's unless n · base^alpha lies within CLOSE_TO_WHOLE
   * of it of a whole number, a few draws in ten million, which take pow. Math.pow took 6% of
   * write-heavy's samples under `perf`; this path made write-heavy 1.10× and flash-crowd 1.07×
   * faster per CPU second (medians of 6 alternated rounds of 2M operations).
   */
  private tailRank(base: number): number {
    const scaled = this.scaledTail(base)
    const rank = Math.floor(scaled)
    const margin = scaled * CLOSE_TO_WHOLE
    if (scaled - rank > margin && rank + 1 - scaled > margin) return rank
    return Math.floor(this.n * Math.pow(base, this.alpha))
  }
}
