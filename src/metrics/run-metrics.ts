import {classifyCommandError, type CommandErrorKind} from '../targets/command-error.js'
import {STRUCTURE_OPERATION_KINDS} from '../workload/types.js'
import {DurationHistogram} from './histogram.js'
import type {Timeline} from './timeline.js'
import {LATENCY_NAMES, type LatencyName, type StructureSummary} from './result.js'
import {WastedWriteTracker} from './wasted-writes.js'

export interface RunCounters {
  operations: number
  reads: number
  writes: number
  deletes: number
  hits: number
  misses: number
  staleReads: number
  errors: number
  originReads: number
  originWrites: number
  cacheSets: number
  cacheDeletes: number
  /** Origin reads of a key while another origin read of the same key was in flight. */
  duplicateOriginReads: number
  /** Background refreshes (refresh-ahead). */
  refreshes: number
  /** Writes folded into a later write of the same key before reaching the origin (write-behind). */
  writesCoalesced: number
  /** Writes acknowledged but not yet sent to the origin when the load ended (write-behind). */
  writesPending: number
  /** Writes acknowledged but never to reach the origin, lost with a failed cache node (write-behind). */
  writesLost: number
  /** Lease gets told to wait because another caller was filling the key. */
  leaseWaits: number
  /** Sets refused because a write voided their lease: stale sets prevented. */
  leaseSetsRefused: number
}

/** Data-structure operations counted during a run; the summary adds the ratio. */
export type StructureCounters = Omit<StructureSummary, 'hgetallHitRatio'>

/** A zero for every data-structure operation, and for the hits of hgetall. */
export function emptyStructureCounters(): StructureCounters {
  const counters = {hgetallHits: 0} as StructureCounters
  for (const kind of STRUCTURE_OPERATION_KINDS) counters[kind] = 0
  return counters
}

/** Everything one run measures. Only measured (post-warm-up) operations are recorded. */
export class RunMetrics {
  readonly latency: Record<LatencyName, DurationHistogram>
  readonly staleness = new DurationHistogram()
  readonly originQueue = new DurationHistogram()
  readonly wasted: WastedWriteTracker
  readonly counters: RunCounters = {
    operations: 0,
    reads: 0,
    writes: 0,
    deletes: 0,
    hits: 0,
    misses: 0,
    staleReads: 0,
    errors: 0,
    originReads: 0,
    originWrites: 0,
    cacheSets: 0,
    cacheDeletes: 0,
    duplicateOriginReads: 0,
    refreshes: 0,
    writesCoalesced: 0,
    writesPending: 0,
    writesLost: 0,
    leaseWaits: 0,
    leaseSetsRefused: 0,
  }
  /** Origin reads in flight per key, warm-up included, to recognise duplicate reads. */
  readonly originReadsInFlight: Int32Array
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

  destroy(): void {
    for (const histogram of Object.values(this.latency)) histogram.destroy()
    this.staleness.destroy()
    this.originQueue.destroy()
    for (const histogram of Object.values(this.serviceTime)) histogram.destroy()
  }
}
