import type {Random} from '../generators/random.js'
import type {ArrivalName} from '../workload/types.js'

/** Gaps between intended start times of an open loop, in ms. */
export interface ArrivalSchedule {
  nextGap(): number
}

export function createArrivalSchedule(arrival: ArrivalName, ratePerSecond: number, random: Random): ArrivalSchedule {
  const meanGapMs = 1000 / ratePerSecond
  if (arrival === 'constant') return {nextGap: () => meanGapMs}
  // Exponential gaps make a Poisson process: arrivals independent of each other, as from many users.
  return {nextGap: () => -Math.log(1 - random.next()) * meanGapMs}
}
