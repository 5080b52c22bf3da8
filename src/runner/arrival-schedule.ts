import {createRandom, Stream, type Random} from '../generators/random.js'
import type {ArrivalName, Workload} from '../workload/types.js'

/** Gaps between intended start times of an open loop, in ms. */
export interface ArrivalSchedule {
  nextGap(): number
}

export function createArrivalSchedule(arrival: ArrivalName, ratePerSecond: number, random: Random): ArrivalSchedule {
  const meanGapMs = 1000 / ratePerSecond
  if (arrival === 'constant') {
    // The k-th start at k × the mean gap, handed out as the difference from the one before, which
    // the loop's running sum then reproduces exactly. A sum of the rounded gap itself drifts: at
    // 5,000/s (0.2 ms, not exact in binary) intervals held 5,001 and 4,999 starts.
    let starts = 0
    return {
      nextGap: () => {
        const gap = (starts + 1) * meanGapMs - starts * meanGapMs
        starts++
        return gap
      },
    }
  }
  // Exponential gaps make a Poisson process: arrivals independent of each other, as from many users.
  return {nextGap: () => -Math.log(1 - random.next()) * meanGapMs}
}

/**
 * An open loop's arrivals: those given (a trace's timestamps), else the phases' rates, else the
 * workload's rate; undefined for a closed loop. The async loop and the simulation core draw
 * them alike.
 */
export function openLoopArrivals(
  workload: Workload,
  given?: ArrivalSchedule,
  phases?: {arrivals(random: Random): ArrivalSchedule | undefined},
): ArrivalSchedule | undefined {
  if (given) return given
  const random = createRandom(workload.seed, Stream.arrivals)
  const phased = phases?.arrivals(random)
  if (phased) return phased
  return workload.load.rate === null ? undefined : createArrivalSchedule(workload.load.arrival, workload.load.rate, random)
}
