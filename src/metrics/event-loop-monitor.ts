import {monitorEventLoopDelay, type IntervalHistogram} from 'node:perf_hooks'

/** Above this p99, the load generator's own event loop was the bottleneck. */
export const SATURATED_EVENT_LOOP_P99_MS = 5

export interface EventLoopDelay {
  p50: number
  p99: number
  max: number
}

/**
 * Watches how late the client's event loop runs its timers. A saturated load generator delays
 * its own sends and reads, and those delays land in the latencies it reports; this makes them
 * visible instead of blaming the server.
 */
const RESOLUTION_MS = 2

export class EventLoopMonitor {
  // Node samples the time between ticks of a RESOLUTION_MS timer; the delay is what exceeds it.
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({resolution: RESOLUTION_MS})

  start(): void {
    this.histogram.enable()
  }

  /** Forgets the delays so far: the warm-up's (cold code, first connections) are in no figure. */
  restart(): void {
    this.histogram.reset()
  }

  stop(): EventLoopDelay {
    this.histogram.disable()
    const ms = (ns: number): number => (Number.isFinite(ns) ? Math.max(ns / 1e6 - RESOLUTION_MS, 0) : 0)
    return {
      p50: ms(this.histogram.percentile(50)),
      p99: ms(this.histogram.percentile(99)),
      max: ms(this.histogram.max),
    }
  }
}
