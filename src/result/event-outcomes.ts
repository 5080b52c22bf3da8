import type {EventOutcome} from '../metrics/result.js'
import type {ResultFields} from './assemble-result.js'
import {formatDuration} from '../workload/units.js'
import type {MeasurementWindow} from '../runner/closed-loop.js'
import type {EventRecord, RunEvent} from '../runner/run-events.js'

/**
 * Adds the events as they happened to the result, on the timeline's axis so reports can mark
 * them, with a warning for each that failed or never came (due after the load had ended).
 */
export function withEventOutcomes(log: readonly EventRecord[], events: readonly RunEvent[], window: MeasurementWindow, result: ResultFields): ResultFields {
  if (events.length === 0) return result
  const start = window.start
  const outcomes = log.map(({startedAt, event: _, ...record}): EventOutcome => ({
    ...record,
    timelineMs: start === undefined || startedAt < start ? null : startedAt - start,
  }))
  const warnings = [...result.warnings]
  for (const outcome of outcomes) {
    if (outcome.error !== undefined) warnings.push(`the ${describe(outcome)} failed: ${outcome.error}`)
  }
  const happened = new Set(log.map((record) => record.event))
  for (const event of events) {
    if (happened.has(event)) continue
    warnings.push(`the ${event.action} due at ${formatDuration(event.atMs)} did not happen: the load had ended first.`)
  }
  const failover = outcomes.find((outcome) => outcome.failover !== undefined)?.failover
  return {...result, events: outcomes, ...(failover ? {failover} : {}), warnings}
}

function describe(outcome: EventOutcome): string {
  const node = outcome.nodeName === undefined ? '' : ` of ${outcome.nodeName}`
  return `${outcome.action}${node} at ${formatDuration(outcome.atMs)}`
}
