import {ABSENT} from './bucketed-lru-stack.js'

/**
 * Counts of stack depths between consecutive cache sizes: bucket i holds the depths in
 * (limits[i-1], limits[i]], the last one deeper ones and first accesses. A cache of limits[i]
 * hits every access counted in buckets 0..i.
 */
export class DepthHistogram {
  private readonly counts: Float64Array

  constructor(readonly limits: readonly number[]) {
    this.counts = new Float64Array(limits.length + 1)
  }

  /** An access found in `region` of a BucketedLruStack over the same limits (ABSENT: not in the stack). */
  record(region: number, weight = 1): void {
    this.counts[region === ABSENT ? this.limits.length : region] += weight
  }

  /** Adds `weight` to the shallowest bucket: accesses that hit at every size. */
  addToShallowest(weight: number): void {
    this.counts[0] += weight
  }

  get total(): number {
    return this.counts.reduce((sum, count) => sum + count, 0)
  }

  /** Hits at each limit. */
  cumulative(): number[] {
    const hits: number[] = []
    let sum = 0
    for (let i = 0; i < this.limits.length; i++) {
      sum += this.counts[i]
      hits.push(sum)
    }
    return hits
  }
}
