import type {Workload} from '../workload/types.js'
import {LOOKUP, REMOVE, replayCacheAccesses, type CacheAccessKind, type StreamLength} from './cache-accesses.js'
import {DepthHistogram} from './depth-histogram.js'
import {COLD, RecencyStack} from './recency-stack.js'

/** Cache sizes to evaluate: in items (`maxItems`) and in bytes (`capacity`); either may be empty. */
export interface SizeGrid {
  items: number[]
  bytes: number[]
}

/** Measured reads and, for each size of the grid, how many of them hit. */
export interface HitCounts {
  reads: number
  hitsByItems: number[]
  hitsByBytes: number[]
}

/**
 * Feeds cache accesses into an LRU recency stack and histograms the depth of every measured
 * lookup: an LRU cache of size s hits exactly the lookups found at depth ≤ s (LRU is a stack
 * algorithm — Mattson, Gecsei, Slutz and Traiger, 1970), so one pass gives every size at once.
 */
export class LruDepthCounter {
  reads = 0
  readonly byItems: DepthHistogram
  readonly byBytes: DepthHistogram

  constructor(
    grid: SizeGrid,
    readonly stack: RecencyStack,
  ) {
    this.byItems = new DepthHistogram(grid.items)
    this.byBytes = new DepthHistogram(grid.bytes)
  }

  /**
   * One access; `weight` is how many accesses of the whole stream it stands for (1 unless
   * sampled), `scale` how many keys each key of the stack stands for: the keys above this one
   * are scaled, the key itself counts once.
   */
  visit(kind: CacheAccessKind, key: number, bytes: number, measured: boolean, weight = 1, scale = 1): void {
    if (kind === REMOVE) {
      this.stack.remove(key)
      return
    }
    const depth = this.stack.access(key, bytes)
    if (kind !== LOOKUP || !measured) return
    this.reads += weight
    if (depth.items === COLD) {
      this.byItems.record(COLD, weight)
      if (this.byBytes.limits.length > 0) this.byBytes.record(COLD, weight)
      return
    }
    this.byItems.record(1 + (depth.items - 1) * scale, weight)
    if (this.byBytes.limits.length > 0) this.byBytes.record(depth.ownBytes + (depth.bytes - depth.ownBytes) * scale, weight)
  }

  counts(): HitCounts {
    return {reads: this.reads, hitsByItems: this.byItems.cumulative(), hitsByBytes: this.byBytes.cumulative()}
  }
}

/** Exact LRU hit counts at every size of `grid`, in one pass over the workload's stream: O(N log M). */
export function exactLruCounts(workload: Workload, length: StreamLength, grid: SizeGrid): HitCounts {
  const counter = new LruDepthCounter(grid, new RecencyStack(workload.keyspace.count, grid.bytes.length > 0))
  replayCacheAccesses(workload, length, (kind, key, bytes, measured) => counter.visit(kind, key, bytes, measured))
  return counter.counts()
}
