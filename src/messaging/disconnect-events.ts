/**
 * The workload's disconnect events: receivers lose their connections at `at` and come back
 * `for` later. Each runs beside the load on the run's clock; one still waiting when the load
 * ends is dropped, and one that comes back after the load has ended does not.
 */
import type {EventOutcome} from '../metrics/result.js'
import type {Clock} from '../time/clock.js'
import type {DisconnectSpec} from '../workload/types.js'
import type {MessagingTarget} from './messaging-target.js'
import {StoppableWait} from './stoppable-wait.js'

export interface DisconnectRun {
  /** Resolves once every event has run or been dropped. */
  done: Promise<void>
  /** Ends the waiting: called when the load is over. */
  stop(): void
  outcomes: EventOutcome[]
}

export function scheduleDisconnects(events: readonly DisconnectSpec[], clock: Clock, target: MessagingTarget, measuredFrom: () => number | undefined): DisconnectRun {
  const wait = new StoppableWait(clock)
  const outcomes: EventOutcome[] = []
  const timelineMs = (): number | null => {
    const start = measuredFrom()
    return start === undefined ? null : clock.now() - start
  }
  const runOne = async (event: DisconnectSpec): Promise<void> => {
    await wait.until(event.atMs)
    if (wait.stopped) return
    const indexes = Array.from({length: event.count}, (_, index) => index)
    const started = clock.now()
    const outcome: EventOutcome = {action: `disconnect ${event.role}`, atMs: event.atMs, timelineMs: timelineMs(), tookMs: 0, details: {count: event.count}}
    outcomes.push(outcome)
    try {
      await target.disconnect(event.role, indexes)
      if (event.forMs === null) return
      await wait.until(started + event.forMs)
      if (wait.stopped) return
      await target.reconnect(event.role, indexes)
      outcome.details = {...outcome.details, awayMs: clock.now() - started}
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error)
    } finally {
      outcome.tookMs = clock.now() - started
    }
  }
  const done = Promise.all(events.map(runOne)).then(() => undefined)
  return {
    done,
    outcomes,
    stop: () => wait.stop(),
  }
}
