import type {EventOutcome, Result} from '../metrics/result.js'

/** Event details that count what happened in each part's own cache, and so add up. */
const PER_PART_COUNTS = ['entriesLost']

/**
 * Events as the parts carried them out. Split runs have events on the builtin target only, where
 * every part applies each event to its own cache at the same point of its clock: the outcome is
 * the first part's, with the longest time taken and the counts of entries lost summed.
 */
export function mergeEvents(results: readonly Result[]): Pick<Result, 'events' | 'failover'> {
  const lists = results.map((result) => result.events).filter((events): events is EventOutcome[] => events !== undefined)
  const failover = results.find((result) => result.failover)?.failover
  if (lists.length === 0) return failover ? {failover} : {}
  const count = Math.max(...lists.map((events) => events.length))
  const events: EventOutcome[] = []
  for (let index = 0; index < count; index++) {
    const outcomes = lists.map((list) => list[index]).filter((outcome): outcome is EventOutcome => outcome !== undefined)
    const [first] = outcomes
    const details = first.details && {...first.details}
    for (const name of PER_PART_COUNTS) {
      if (details && typeof details[name] === 'number') {
        details[name] = outcomes.reduce((total, outcome) => total + Number(outcome.details?.[name] ?? 0), 0)
      }
    }
    events.push({...first, tookMs: Math.max(...outcomes.map((outcome) => outcome.tookMs)), ...(details ? {details} : {})})
  }
  return {events, ...(failover ? {failover} : {})}
}
