/**
 * The timeline of a messaging run: one row per interval of the measured span, with messages
 * published and delivered per second, the interval's delivery p99 and (Streams) the largest
 * consumer-group lag sampled in it. Rows carry the cache timeline's fields too, empty, so every
 * renderer of timelines reads them.
 */
import type {TimelinePoint} from '../metrics/result.js'
import type {Clock} from '../time/clock.js'
import type {DeliveryTracker} from './delivery-tracker.js'
import type {MessagingTarget} from './messaging-target.js'
import {StoppableWait} from './stoppable-wait.js'

export class MessagingTimeline {
  readonly rows: TimelinePoint[] = []
  private readonly wait: StoppableWait
  private start = 0
  private lagMax: number | null = null
  /** Largest lag over the whole measured span, and the last sampled. */
  lag: {max: number; last: number} | null = null
  private sampling: Promise<void> = Promise.resolve()
  private errorsBefore = 0

  constructor(
    readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly tracker: DeliveryTracker,
    private readonly target: MessagingTarget,
    private readonly errors: () => number,
  ) {
    this.wait = new StoppableWait(clock)
  }

  /** From the start of the measured span: rows every interval until `finish`. */
  begin(): void {
    this.start = this.clock.now()
    this.errorsBefore = this.errors()
    this.resetInterval()
    this.sampling = this.sampleLoop()
  }

  /** Stops sampling (the load is over): a sampler still waiting would hold simulated time open. */
  stop(): void {
    this.wait.stop()
  }

  /** Closes the last (partial) interval at `end`. */
  async finish(end: number): Promise<TimelinePoint[]> {
    this.wait.stop()
    await this.sampling
    const from = this.start + this.rows.length * this.intervalMs
    if (end > from) this.closeInterval(end - from)
    return this.rows
  }

  private async sampleLoop(): Promise<void> {
    for (;;) {
      await this.wait.until(this.start + (this.rows.length + 1) * this.intervalMs)
      if (this.wait.stopped) return
      await this.sampleLag()
      this.closeInterval(this.intervalMs)
    }
  }

  private async sampleLag(): Promise<void> {
    const sample = await this.target.sample().catch(() => null)
    if (sample === null) return
    this.lagMax = Math.max(this.lagMax ?? 0, sample.lag)
    this.lag = {max: Math.max(this.lag?.max ?? 0, sample.lag), last: sample.lag}
  }

  private closeInterval(durationMs: number): void {
    const {published, delivered, latency} = this.tracker.interval
    const perSecond = (count: number) => (durationMs > 0 ? count / (durationMs / 1000) : 0)
    const errors = this.errors()
    this.rows.push({
      atMs: this.rows.length * this.intervalMs,
      durationMs,
      operations: published,
      throughput: perSecond(published),
      hitRatio: null,
      staleRatio: null,
      readP50: null,
      readP99: null,
      errors: errors - this.errorsBefore,
      originReadsPerSecond: 0,
      publishedPerSecond: perSecond(published),
      deliveredPerSecond: perSecond(delivered),
      deliveryP99: latency.count === 0 ? null : latency.percentile(99),
      lag: this.lagMax,
    })
    this.errorsBefore = errors
    this.resetInterval()
  }

  private resetInterval(): void {
    const interval = this.tracker.interval
    interval.published = 0
    interval.delivered = 0
    interval.latency.reset()
    this.lagMax = null
  }
}
