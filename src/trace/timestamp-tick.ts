/**
 * The tick of a trace's timestamps: the coarsest step every timestamp so far is a whole number
 * of — 1000 ms where all are whole seconds (Twitter's and libCacheSim's formats), 1 ms where all
 * are whole milliseconds, else 0. Requests stamped with a second arrive during it, so a trace
 * covers its span plus one tick: 20 seconds stamped 0 to 19 hold 20 seconds of requests.
 */
export const FIRST_TICK_MS = 1000

/** The tick once `timeMs` is seen too (NaN, an untimed request, changes nothing). */
export function tickWith(tickMs: number, timeMs: number): number {
  if (tickMs === 0 || timeMs !== timeMs || timeMs % tickMs === 0) return tickMs
  return tickMs === 1000 && timeMs % 1 === 0 ? 1 : 0
}
