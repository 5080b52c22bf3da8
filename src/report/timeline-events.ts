import type {EventOutcome} from '../metrics/result.js'
import {formatDuration} from '../workload/units.js'
import {formatPercent} from './format.js'

/** Markers for one event (`^`), or for several in turn (`1`…`9`, then `a`…). */
const MANY_MARKS = '123456789abcdefghijklmnopqrstuvwxyz'

export interface EventMarks {
  /** The marker row under a sparkline of `columns` columns: each event's mark under its interval. */
  row: string
  /** One line per event: its mark, time and what it did. */
  legend: string[]
}

/**
 * Places each event under the sparkline column that holds its interval. `points` intervals of
 * `intervalMs` are drawn in `columns` columns (sparkline averages neighbours when they do not fit).
 */
export function eventMarks(events: readonly EventOutcome[], points: number, intervalMs: number, columns: number): EventMarks {
  const row = Array.from({length: Math.min(points, columns)}, () => ' ')
  const legend: string[] = []
  events.forEach((event, index) => {
    const mark = events.length === 1 ? '^' : (MANY_MARKS[index] ?? '+')
    if (event.timelineMs !== null && points > 0) {
      const interval = Math.min(Math.floor(event.timelineMs / intervalMs), points - 1)
      row[columnOf(interval, points, row.length)] = mark
    }
    legend.push(`${mark} ${formatDuration(event.atMs)} ${describeEvent(event)}`)
  })
  return {row: row.join('').trimEnd(), legend}
}

/** The sparkline column whose span of intervals contains `interval` (see sparkline's squeeze). */
function columnOf(interval: number, points: number, columns: number): number {
  if (points <= columns) return interval
  let column = Math.floor((interval * columns) / points)
  while (column + 1 < columns && Math.floor(((column + 1) * points) / columns) <= interval) column++
  return column
}

export function describeEvent(event: EventOutcome): string {
  const parts: string[] = [event.action]
  if (event.nodeName !== undefined) parts.push(event.action === 'scale-out' ? `+${event.nodeName}` : event.nodeName)
  const details = event.details ?? {}
  if (typeof details.keysRemapped === 'number') parts.push(`${formatPercent(details.keysRemapped)} of keys moved`)
  if (typeof details.entriesLost === 'number') parts.push(`${details.entriesLost} entries lost`)
  if (event.failover) {
    const {newPrimary, errorsDuringSwitch, msUntilSuccess, acknowledgedWritesLost} = event.failover
    const resumed = msUntilSuccess === null ? 'no success after' : `success after ${formatDuration(msUntilSuccess)}`
    parts.push(`to ${newPrimary}: ${errorsDuringSwitch} errors, ${resumed}, ${acknowledgedWritesLost} acked writes lost`)
  }
  if (event.timelineMs === null) parts.push('(during warm-up)')
  if (event.error !== undefined) parts.push(`FAILED: ${event.error}`)
  return parts.join(', ').replace(/^([^,]+), /, '$1 ')
}
