import type {ArrivalSchedule} from './arrival-schedule.js'
import type {LoadPlan} from './load-plan.js'
import type {MeasurementStartListener, MeasurementWindow} from './closed-loop.js'
import {StopFlag} from './stop-flag.js'

export interface OpenLoopOutcome extends MeasurementWindow {
  /** Measured starts that found `maxInFlight` operations in flight and were skipped. */
  dropped: number
  /** Measured starts that left more than LATE_START_MS after their intended time. */
  lateStarts: number
  /** Where the schedule's span of starts ended: the next arrival's intended time, or a timed run's end. */
  scheduleEnd?: number
}

/** A start this much behind schedule counts as late: the generator itself could not keep up. */
export const LATE_START_MS = 1

/**
 * The arrival side of an open loop, one definition for the async loop and the simulation
 * core: which arrival is next and when it was intended, whether it is this part's (one part
 * of a split run follows the whole run's schedule and starts only its own operations, at the
 * whole run's times), warm-up, and the counts of the outcome.
 */
export class OpenLoopArrivals {
  readonly outcome: OpenLoopOutcome = {start: undefined, end: 0, issued: 0, dropped: 0, lateStarts: 0}
  /** Intended start of the next arrival, on the run clock. */
  intended = 0
  /** Sequence in the whole run's stream (see runClosedLoop). */
  private drawn = 0
  private claimed = false
  /**
   * Intended start of the whole schedule's first measured arrival, whichever part's it is: a
   * part's measured span and timeline intervals count from it, so the parts' intervals cover the
   * same spans of the run's clock and add up to the whole run's.
   */
  private measuredFrom: number | undefined
  private readonly stopFlag: StopFlag

  constructor(
    private readonly plan: LoadPlan,
    private readonly schedule: ArrivalSchedule,
    /** One part of a split run: draws the whole stream's next operation and says whether it is this part's. */
    private readonly claim: (() => boolean) | undefined,
    stop: AbortSignal | undefined,
    private readonly onMeasurementStart: MeasurementStartListener,
  ) {
    this.stopFlag = new StopFlag(stop)
  }

  /** Passes over other parts' arrivals without waiting for them; true when an own arrival is next. */
  ownArrivalNext(): boolean {
    while (!this.claimed && this.moreToStart()) {
      if (this.claim === undefined || this.claim()) this.claimed = true
      else {
        this.noteMeasured(this.drawn)
        this.drawn++
        this.advance()
      }
    }
    return this.claimed && this.moreToStart()
  }

  /**
   * Counts the next own arrival as issued at `now`, on a free slot or (`hasSlot` false) dropped;
   * returns whether it is measured. Start it, then `advance`.
   */
  issue(now: number, hasSlot: boolean): boolean {
    const {outcome} = this
    this.claimed = false
    const sequence = this.drawn++
    outcome.issued++
    const measured = this.noteMeasured(sequence)
    if (measured && outcome.start === undefined) {
      outcome.start = this.measuredFrom as number
      this.onMeasurementStart(outcome.start)
    }
    if (!hasSlot) {
      if (measured) outcome.dropped++
    } else if (measured && now - this.intended > LATE_START_MS) outcome.lateStarts++
    return measured
  }

  /** Whether the arrival at `sequence` of the whole stream, intended now, is past the warm-up; the first such sets `measuredFrom`. */
  private noteMeasured(sequence: number): boolean {
    const measured = sequence >= this.plan.warmupOperations && this.intended >= this.plan.warmupMs
    if (measured && this.measuredFrom === undefined) this.measuredFrom = this.intended
    return measured
  }

  /** On to the next arrival of the schedule. */
  advance(): void {
    this.intended += this.schedule.nextGap()
    this.outcome.scheduleEnd = Math.min(this.intended, this.plan.durationMs ?? Infinity)
  }

  /** An operation ended at `now`: a measured one extends the measured window. */
  finished(measured: boolean, now: number): void {
    if (measured) this.outcome.end = Math.max(this.outcome.end, now)
  }

  private moreToStart(): boolean {
    const {plan} = this
    return (
      !this.stopFlag.stopped &&
      (plan.operations === null || this.drawn < plan.operations) &&
      (plan.durationMs === null || this.intended < plan.durationMs) &&
      plan.sourceEnded?.() !== true
    )
  }
}
