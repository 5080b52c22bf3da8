import {Timeline} from '../metrics/timeline.js'
import type {EventLoopMonitor} from '../metrics/event-loop-monitor.js'
import type {RunMetrics} from '../metrics/run-metrics.js'
import type {SimulatedOrigin} from '../origin/simulated-origin.js'
import type {CacheTarget, TargetStats} from '../targets/cache-target.js'
import type {Clock} from '../time/clock.js'
import type {PhasedLoad} from './phases.js'

/**
 * Everything that begins when the warm-up ends, in one place: the target's counters are read,
 * the origin's peak and the event-loop delays start over, wasted writes count, the timeline
 * opens, phases take their first snapshot. A run without warm-up begins before its first operation.
 */
export class MeasurementStart {
  /** The target's counters when measurement began (when the run began, until then). */
  statsBefore: Promise<TargetStats>

  constructor(
    private readonly deps: {
      target: CacheTarget
      origin: SimulatedOrigin
      metrics: RunMetrics
      clock: Clock
      intervalMs: number
      /** A part of a run: its result carries each timeline interval's read histogram, encoded (Timeline). */
      part: boolean
      /** Most timeline intervals (RunOptions.maxTimelineIntervals). */
      maxTimelineIntervals?: number
      phased: PhasedLoad | undefined
      eventLoop?: EventLoopMonitor
    },
  ) {
    this.statsBefore = deps.target.stats()
  }

  /** The load drivers' `onMeasurementStart`: `start` is the first measured operation's intended start. */
  readonly begin = (start: number): void => {
    const {target, origin, metrics, intervalMs, part, maxTimelineIntervals, phased, eventLoop} = this.deps
    this.statsBefore = target.stats()
    eventLoop?.restart()
    origin.limiter.restartPeak()
    metrics.wasted.measuring = true
    metrics.timeline = new Timeline(intervalMs, start, part, maxTimelineIntervals)
    phased?.measurementStarted()
  }

  /** Peak origin demand over the measured span, phases together. */
  originPeak(): number {
    return this.deps.phased?.originPeak() ?? this.deps.origin.limiter.peak
  }
}
