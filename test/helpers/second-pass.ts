/**
 * The timeline a lazy-loading read-only run over sequential keys must have, from first
 * principles: operation i reads key i mod `keys` and is intended to start at `startMs(i)` (a
 * constant schedule, or a closed loop whose operations take a fixed time); it misses on the
 * first pass over the keys and hits from the second on. Interval k holds the measured
 * operations (from `warmup` on) intended to start in [k, k + 1) intervals after the first of them.
 */
export function secondPassIntervals(run: {operations: number; warmup: number; keys: number; startMs: (i: number) => number; intervalMs: number}): Array<{operations: number; hits: number}> {
  const origin = run.startMs(run.warmup)
  const intervals: Array<{operations: number; hits: number}> = []
  for (let i = run.warmup; i < run.operations; i++) {
    const index = Math.floor((run.startMs(i) - origin) / run.intervalMs)
    for (let k = intervals.length; k <= index; k++) intervals.push({operations: 0, hits: 0})
    intervals[index].operations++
    if (i >= run.keys) intervals[index].hits++
  }
  return intervals
}
