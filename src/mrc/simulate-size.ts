import type {KeyTapes} from '../generators/key-tape.js'
import {runWorkload} from '../runner/run-workload.js'
import type {Workload} from '../workload/types.js'
import {sizedPoint, type MrcPoint} from './mrc-result.js'
import type {SizeUnit} from './size-grid.js'

/** The workload with its built-in cache limited to `size` items or bytes, and nothing else. */
export function workloadAtSize(workload: Workload, unit: SizeUnit, size: number): Workload {
  const cache = unit === 'items' ? {...workload.cache, maxItems: size, capacityBytes: null} : {...workload.cache, maxItems: null, capacityBytes: size}
  return {...workload, cache}
}

/**
 * One point of a curve by running the workload on the built-in engine at that size: every
 * policy, engine model, TTL and strategy effect included. The one place curves call the runner.
 * The sizes of one thread share `keyTapes`: they draw the same keys.
 */
export async function simulateSize(workload: Workload, unit: SizeUnit, size: number, keyTapes: KeyTapes): Promise<MrcPoint> {
  const result = await runWorkload(workloadAtSize(workload, unit, size), {keyTapes})
  const {summary} = result
  const seconds = result.durationMs / 1000
  return sizedPoint(unit, size, {
    hitRatio: summary.hitRatio,
    missRatio: 1 - summary.hitRatio,
    // Only where requests arrive at a rate of their own (an open loop: load.rate, or a trace at
    // its pace). A closed loop's throughput is its own at each size — a small cache's misses slow
    // it down — so its origin reads per second would barely fall as the cache grows, as if a cache
    // hardly mattered (read-heavy: 4.5k reads/s at 100 items, 3.2k with every key cached); the
    // stack-distance curves give none there either.
    originReadsPerSec: result.load.mode === 'open' && seconds > 0 ? summary.origin.reads / seconds : null,
    readP99Ms: result.latencyMs.read?.p99 ?? 0,
    staleRatio: summary.staleRatio,
    reads: summary.reads,
  })
}
