import {grownFloat64} from '../engine/typed-array-growth.js'
import {COLD} from './recency-stack.js'

/**
 * Accesses counted at every stack depth, for when the cache sizes of interest are known only
 * after the pass (a trace's distinct keys). Memory follows the deepest depth seen, which is at
 * most the distinct keys. Depths count from 1 (the key itself): a cache of c items hits the
 * depths ≤ c.
 */
export class DepthCounts {
  /** counts[d] accesses were found at depth d (index 0 unused). */
  private counts: Float64Array = new Float64Array(64)
  /** Accesses of keys not in the stack. */
  cold = 0
  accesses = 0

  /** Counts `times` accesses at `depth`. */
  record(depth: number, times = 1): void {
    this.accesses += times
    if (depth === COLD) {
      this.cold += times
      return
    }
    if (depth >= this.counts.length) this.counts = grownFloat64(this.counts, Math.max(depth + 1, this.counts.length * 2), 0)
    this.counts[depth] += times
  }

  /** Hits of an LRU cache holding each of `sizes` items (ascending). */
  hitsAt(sizes: readonly number[]): number[] {
    const hits: number[] = []
    let cumulative = 0
    let depth = 1
    for (const size of sizes) {
      for (; depth <= size && depth < this.counts.length; depth++) cumulative += this.counts[depth]
      hits.push(cumulative)
    }
    return hits
  }

  /** LRU miss ratio at each of `sizes` items (ascending), over all accesses. */
  missRatios(sizes: readonly number[]): number[] {
    return this.hitsAt(sizes).map((hits) => (this.accesses === 0 ? 0 : 1 - hits / this.accesses))
  }

  /**
   * Re-accesses by reuse distance — the distinct keys in between, depth − 1 — in powers of
   * two: [0], [1], [2, 3], [4, 7], …
   */
  log2Buckets(): {from: number; to: number; count: number}[] {
    const buckets: {from: number; to: number; count: number}[] = []
    for (let from = 0; from + 1 < this.counts.length; from = from === 0 ? 1 : from * 2) {
      const to = from === 0 ? 0 : from * 2 - 1
      let count = 0
      for (let depth = from + 1; depth <= to + 1 && depth < this.counts.length; depth++) count += this.counts[depth]
      if (count > 0) buckets.push({from, to, count})
    }
    return buckets
  }
}
