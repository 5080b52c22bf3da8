import type {RunMetrics} from '../metrics/run-metrics.js'
import type {SimulatedOrigin} from '../origin/simulated-origin.js'
import type {ReadAnswer} from '../strategies/strategy.js'
import type {Clock} from '../time/clock.js'

/** What a finished operation counts, on the real-target paths (promise and callback alike). */
export interface OperationRecords {
  /** Its latency, hit or miss, and fresh or stale — the latter against the origin's version now, as the read completes. */
  read(key: number, answer: ReadAnswer, start: number, intendedStart: number): void
  change(kind: 'write' | 'delete', start: number, intendedStart: number): void
  /** Service time (from the actual start) is recorded in open loops only: a closed loop starts an operation when it intends to. */
  actualStart(intendedStart: number): number
}

export function operationRecords(clock: Clock, origin: SimulatedOrigin, metrics: RunMetrics, openLoop: boolean): OperationRecords {
  const {counters, latency, serviceTime} = metrics
  return {
    read(key, answer, start, intendedStart) {
      const end = clock.now()
      latency.read.record(end - intendedStart)
      if (openLoop) serviceTime.read.record(end - start)
      counters.reads++
      if (answer.fromCache) counters.hits++
      else counters.misses++
      let stale = false
      if (answer.value !== null) {
        const returned = answer.value.version
        if (returned < origin.currentVersion(key)) {
          stale = true
          counters.staleReads++
          metrics.staleness.record(end - (origin.log.firstNewerCommitTime(key, returned) as number))
        }
      }
      metrics.timeline?.read(intendedStart, end - intendedStart, answer.fromCache, stale)
    },
    change(kind, start, intendedStart) {
      const end = clock.now()
      latency[kind].record(end - intendedStart)
      if (openLoop) serviceTime[kind].record(end - start)
      if (kind === 'write') counters.writes++
      else counters.deletes++
    },
    // The clock is not read again in a closed loop.
    actualStart: openLoop ? (): number => clock.now() : (intendedStart: number): number => intendedStart,
  }
}
