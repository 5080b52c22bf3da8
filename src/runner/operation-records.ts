import type {RunMetrics} from '../metrics/run-metrics.js'
import type {SimulatedOrigin} from '../origin/simulated-origin.js'
import type {ReadAnswer} from '../strategies/strategy.js'
import type {Clock} from '../time/clock.js'

/**
 * When the operation being recorded started, read as fields by the simulation core's recorders:
 * a time passed as an argument to a call V8 does not inline is boxed, an allocation per operation.
 */
export interface OperationTimes {
  readonly actualStart: number
  readonly intendedStart: number
}

/** What a finished operation counts, on the real-target paths (promise and callback alike) and in the simulation core. */
export interface OperationRecords {
  /** Its latency, hit or miss, and fresh or stale — the latter against the origin's version now, as the read completes. */
  read(key: number, answer: ReadAnswer, start: number, intendedStart: number): void
  change(kind: 'write' | 'delete', start: number, intendedStart: number): void
  /** As `read`, except the timeline, which the caller counts (the simulation core, by interval): whether the read was stale. */
  readOf(key: number, answer: ReadAnswer, times: OperationTimes): boolean
  /** As `change`, the times read from `times`. */
  changeOf(kind: 'write' | 'delete', times: OperationTimes): void
  /** Service time (from the actual start) is recorded in open loops only: a closed loop starts an operation when it intends to. */
  actualStart(intendedStart: number): number
}

export function operationRecords(clock: Clock, origin: SimulatedOrigin, metrics: RunMetrics, openLoop: boolean): OperationRecords {
  const {counters, latency, serviceTime} = metrics

  /** A read's figures but the timeline's: whether it was stale. */
  const readFigures = (key: number, answer: ReadAnswer, start: number, intendedStart: number): boolean => {
    const end = clock.now()
    latency.read.record(end - intendedStart)
    if (openLoop) serviceTime.read.record(end - start)
    counters.reads++
    if (answer.fromCache) counters.hits++
    else counters.misses++
    if (answer.value === null) return false
    const returned = answer.value.version
    if (returned >= origin.currentVersion(key)) return false
    counters.staleReads++
    metrics.staleness.record(end - (origin.log.firstNewerCommitTime(key, returned) as number))
    return true
  }

  const change = (kind: 'write' | 'delete', start: number, intendedStart: number): void => {
    const end = clock.now()
    latency[kind].record(end - intendedStart)
    if (openLoop) serviceTime[kind].record(end - start)
    if (kind === 'write') counters.writes++
    else counters.deletes++
  }

  return {
    read(key, answer, start, intendedStart) {
      const stale = readFigures(key, answer, start, intendedStart)
      metrics.timeline?.read(intendedStart, clock.now() - intendedStart, answer.fromCache, stale)
    },
    change,
    readOf: (key, answer, times) => readFigures(key, answer, times.actualStart, times.intendedStart),
    changeOf: (kind, times) => change(kind, times.actualStart, times.intendedStart),
    // The clock is not read again in a closed loop.
    actualStart: openLoop ? (): number => clock.now() : (intendedStart: number): number => intendedStart,
  }
}
