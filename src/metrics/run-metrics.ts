import {grownInt32, grownLength} from '../engine/typed-array-growth.js'
import {classifyCommandError, type CommandErrorKind} from '../targets/command-error.js'
import {DurationHistogram} from './histogram.js'
import type {Timeline} from './timeline.js'
import {LATENCY_NAMES, type LatencyName} from './result.js'
import {emptyRunCounters, emptyStructureCounters, type RunCounters, type StructureCounters} from './summary-layout.js'
import {WastedWriteTracker} from './wasted-writes.js'

/** Everything one run measures. Only measured (post-warm-up) operations are recorded. */
export class RunMetrics {
  readonly latency: Record<LatencyName, DurationHistogram>
  readonly staleness = new DurationHistogram()
  readonly originQueue = new DurationHistogram()
  readonly wasted: WastedWriteTracker
  readonly counters: RunCounters = emptyRunCounters()
  /** Origin reads in flight per key, warm-up included, to recognise duplicate reads. */
  originReadsInFlight: Int32Array
  readonly structures: StructureCounters = emptyStructureCounters()

  constructor(keyCount: number) {
    this.latency = Object.fromEntries(LATENCY_NAMES.map((name) => [name, new DurationHistogram()])) as Record<
      LatencyName,
      DurationHistogram
    >
    this.wasted = new WastedWriteTracker(keyCount)
    this.originReadsInFlight = new Int32Array(keyCount)
  }

  readonly errorsByKind: Record<CommandErrorKind, number> = {timeout: 0, connection: 0, server: 0}
  /** How often each error message occurred, so a run that failed can say why. */
  readonly errorMessages = new Map<string, number>()

  /** Open loop only: latency from the actual start; `latency` measures from the intended start. */
  readonly serviceTime = {read: new DurationHistogram(), write: new DurationHistogram(), delete: new DurationHistogram()}
  /** Per-interval figures; created when measurement begins. */
  timeline: Timeline | undefined

  /** Counts a failed cache command of a measured operation. */
  noteError(error: unknown, at: number): void {
    this.timeline?.error(at)
    this.counters.errors++
    this.errorsByKind[classifyCommandError(error)]++
    const message = error instanceof Error ? error.message : String(error)
    this.errorMessages.set(message, (this.errorMessages.get(message) ?? 0) + 1)
  }

  /** Makes room for key ids below `count`: a trace replay meets its keys as it goes. */
  reserveKeys(count: number): void {
    this.wasted.reserveKeys(count)
    const inFlight = this.originReadsInFlight
    if (count > inFlight.length) this.originReadsInFlight = grownInt32(inFlight, grownLength(inFlight.length, count), 0)
  }

  destroy(): void {
    for (const histogram of Object.values(this.latency)) histogram.destroy()
    this.staleness.destroy()
    this.originQueue.destroy()
    for (const histogram of Object.values(this.serviceTime)) histogram.destroy()
  }
}
