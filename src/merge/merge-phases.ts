import type {PhaseResult, Result} from '../metrics/result.js'
import {mergeFigures} from './merge-figures.js'

/**
 * Phase by phase, as the whole: each part ran every phase at the same times, so a phase's span is
 * the longest part's and its concurrency the sum of the parts' shares.
 */
export function mergePhases(results: readonly Result[], ownEngines: boolean): PhaseResult[] | undefined {
  if (!results.some((result) => result.phases)) return undefined
  const count = Math.max(...results.map((result) => result.phases?.length ?? 0))
  const merged: PhaseResult[] = []
  for (let index = 0; index < count; index++) {
    const phases = results.map((result) => result.phases?.[index]).filter((phase): phase is PhaseResult => phase !== undefined)
    const [first] = phases
    const durationMs = Math.max(...phases.map((phase) => phase.durationMs))
    const figures = mergeFigures(phases, ownEngines, durationMs)
    merged.push({
      name: first.name,
      startMs: first.startMs,
      durationMs,
      rate: first.rate,
      concurrency: first.concurrency === null ? null : phases.reduce((total, phase) => total + (phase.concurrency ?? 0), 0),
      summary: figures.summary,
      latencyMs: figures.latencyMs,
      ...(figures.serviceTimeMs ? {serviceTimeMs: figures.serviceTimeMs} : {}),
      histograms: {...figures.histograms, timeline: []},
    })
  }
  return merged
}
