import type {LatencySummary, Summary} from '../metrics/result.js'
import {buildSummary, SUMMARY_LEAVES} from '../metrics/summary-layout.js'

/**
 * The summary of several parts that ran at the same time, by SUMMARY_LAYOUT's roles: counts
 * summed, ratios recomputed from the sums (never averaged), time statistics from the merged
 * histograms. The builtin target gives each part its own engine, so its server-side counters add
 * up; a real server is shared by the parts, each of which saw the whole server's counters move,
 * so those take the largest part's, and its items at the end are unknown.
 */
export function mergeSummaries(
  summaries: readonly Summary[],
  ownEngines: boolean,
  durationMs: number,
  merged: {staleness: LatencySummary | undefined; queued: LatencySummary | undefined},
): Summary {
  const histograms = {staleness: merged.staleness, originQueue: merged.queued}
  const leafValues = new Map(SUMMARY_LEAVES.map(({path, rule}) => [rule, summaries.map((summary) => leafOf(summary, path))]))
  return buildSummary((rule) => {
    const values = leafValues.get(rule) as (number | null)[]
    switch (rule.role) {
      case 'stat':
        return histograms[rule.histogram]?.[rule.stat] ?? 0
      case 'serverDelta':
        return ownEngines ? sum(values) : Math.max(...(values as number[]))
      case 'serverState': {
        // A shared server's items at the end are not any part's to tell: a part that finished
        // first deleted its keys before another read the server, which then counted without them.
        if (!ownEngines) return null
        const known = values.filter((value): value is number => value !== null)
        return known.length === 0 ? null : sum(known)
      }
      default:
        return sum(values)
    }
  }, durationMs)
}

function leafOf(summary: Summary, path: readonly string[]): number | null {
  let node: unknown = summary
  for (const key of path) node = (node as Record<string, unknown>)[key]
  return node as number | null
}

function sum(values: readonly (number | null)[]): number {
  return values.reduce<number>((total, value) => total + (value ?? 0), 0)
}
