import type {Random} from '../generators/random.js'
import type {ArrivalName, PhaseSpec} from '../workload/types.js'
import type {ArrivalSchedule} from './arrival-schedule.js'

/** One phase's stretch of the rate: r(t) = a + b·(t − start) operations per ms. */
interface RateSegment {
  start: number
  durationMs: number
  a: number
  b: number
  /** Operations intended before the segment starts: the integral of the rate up to `start`. */
  before: number
}

/**
 * Intended start times of an open loop whose rate changes by phase, ramps included. Start k is
 * where the integral of the rate reaches the k-th arrival's mark: marks one apart for constant
 * arrivals, exponentially distributed gaps for Poisson (a Poisson process with a time-varying
 * rate, by the time-change theorem). A ramp's starts thus follow the rate continuously rather
 * than in steps, and a boundary carries the part of a gap already elapsed into the next phase.
 * The first start is at 0, as in a steady open loop.
 */
export class PhasedArrivals implements ArrivalSchedule {
  private readonly segments: RateSegment[] = []
  private mark = 0
  private last = 0

  constructor(
    phases: readonly PhaseSpec[],
    private readonly arrival: ArrivalName,
    private readonly random: Random,
  ) {
    let start = 0
    let before = 0
    for (const phase of phases) {
      if (phase.rate === null) throw new Error(`phase ${phase.name} has no rate, so the run is not an open loop`)
      const a = phase.rate.from / 1000
      const b = (phase.rate.to - phase.rate.from) / 1000 / phase.durationMs
      this.segments.push({start, durationMs: phase.durationMs, a, b, before})
      start += phase.durationMs
      before += ((phase.rate.from + phase.rate.to) / 2 / 1000) * phase.durationMs
    }
  }

  /** Intended time of the start the last gap led to (0 before the first gap): the arrival the loop handles next. */
  get upcoming(): number {
    return this.last
  }

  nextGap(): number {
    this.mark += this.arrival === 'constant' ? 1 : -Math.log(1 - this.random.next())
    const next = this.timeOfMark(this.mark)
    const gap = next - this.last
    this.last = next
    return gap
  }

  /** The time at which the integrated rate reaches `mark`; Infinity past the last phase. */
  timeOfMark(mark: number): number {
    for (const segment of this.segments) {
      const inside = mark - segment.before
      const total = segment.a * segment.durationMs + (segment.b * segment.durationMs * segment.durationMs) / 2
      if (inside > total) continue
      // Solves a·τ + b·τ²/2 = inside in the form that stays exact when b is 0 or tiny, and
      // for a ramp down (b < 0) takes the root inside the phase.
      const root = Math.sqrt(Math.max(segment.a * segment.a + 2 * segment.b * inside, 0))
      const tau = segment.a + root === 0 ? 0 : (2 * inside) / (segment.a + root)
      return segment.start + Math.min(tau, segment.durationMs)
    }
    return Number.POSITIVE_INFINITY
  }
}
