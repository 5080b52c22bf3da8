import {grownFloat64, grownInt32} from '../engine/typed-array-growth.js'

/**
 * Exact LRU stack distances in one pass (Mattson et al. 1970): the distance of an access is the
 * number of distinct keys used since the previous access to the same key, and an LRU cache of
 * c items hits exactly the accesses with distance < c — so one pass gives the whole miss-ratio
 * curve. Each key's last access time is marked in a Fenwick tree, so a distance is a range
 * count, O(log n). Times are renumbered densely when the tree fills, which keeps memory
 * proportional to the distinct keys rather than the trace's length.
 */
export class LruStackDistances {
  /** Accesses by distance: counts[d] accesses had distance d. */
  private counts: Float64Array = new Float64Array(64)
  /** First accesses of a key (infinite distance). */
  coldMisses = 0
  accesses = 0
  private last: Int32Array = new Int32Array(1024).fill(-1)
  private tree = new Int32Array(1025)
  private time = 0
  private live = 0

  /** Records an access; returns its distance, or -1 for the key's first access. */
  access(key: number): number {
    if (key >= this.last.length) this.last = grownInt32(this.last, Math.max(key + 1, this.last.length * 2), -1)
    if (this.time >= this.tree.length - 1) this.compact()
    this.accesses++
    const previous = this.last[key]
    let distance = -1
    if (previous < 0) {
      this.coldMisses++
      this.live++
    } else {
      distance = this.prefix(this.time - 1) - this.prefix(previous)
      this.add(previous, -1)
      if (distance >= this.counts.length) this.counts = grownFloat64(this.counts, Math.max(distance + 1, this.counts.length * 2), 0)
      this.counts[distance]++
    }
    this.add(this.time, 1)
    this.last[key] = this.time++
    return distance
  }

  /** Hits of an LRU cache holding each of `sizes` items (ascending). */
  hitsAt(sizes: readonly number[]): number[] {
    const hits: number[] = []
    let cumulative = 0
    let distance = 0
    for (const size of sizes) {
      for (; distance < size && distance < this.counts.length; distance++) cumulative += this.counts[distance]
      hits.push(cumulative)
    }
    return hits
  }

  /** LRU miss ratio at each of `sizes` items (ascending), over all accesses. */
  missRatios(sizes: readonly number[]): number[] {
    return this.hitsAt(sizes).map((hits) => (this.accesses === 0 ? 0 : 1 - hits / this.accesses))
  }

  /** Re-accesses by distance in powers of two: [0], [1], [2, 3], [4, 7], … */
  log2Histogram(): {from: number; to: number; count: number}[] {
    const buckets: {from: number; to: number; count: number}[] = []
    for (let from = 0; from < this.counts.length; from = from === 0 ? 1 : from * 2) {
      const to = from === 0 ? 0 : from * 2 - 1
      let count = 0
      for (let distance = from; distance <= to && distance < this.counts.length; distance++) count += this.counts[distance]
      if (count > 0) buckets.push({from, to, count})
    }
    return buckets
  }

  private prefix(position: number): number {
    let sum = 0
    for (let index = position + 1; index > 0; index -= index & -index) sum += this.tree[index]
    return sum
  }

  private add(position: number, delta: number): void {
    for (let index = position + 1; index < this.tree.length; index += index & -index) this.tree[index] += delta
  }

  /** Renumbers the live last-access times 0..live−1 in order, in a tree with room for as many again. */
  private compact(): void {
    const keyAt = new Int32Array(this.time).fill(-1)
    for (let key = 0; key < this.last.length; key++) if (this.last[key] >= 0) keyAt[this.last[key]] = key
    const capacity = Math.max(1024, this.live * 2)
    this.tree = new Int32Array(capacity + 1)
    let next = 0
    for (let time = 0; time < keyAt.length; time++) {
      const key = keyAt[time]
      if (key < 0) continue
      this.last[key] = next
      this.add(next++, 1)
    }
    this.time = next
  }
}
