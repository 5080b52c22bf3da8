import {metricNames, findMetric} from '../metrics/metric-catalog.js'
import type {Result} from '../metrics/result.js'

/** Every measured metric of a result by canonical name; unmeasured ones are left out. */
export function figuresOf(result: Result): Record<string, number> {
  const figures: Record<string, number> = {}
  for (const name of metricNames()) {
    const value = findMetric(name)?.read(result) ?? null
    if (value !== null && Number.isFinite(value)) figures[name] = value
  }
  return figures
}

/** A metric's samples: one per repetition when the run was repeated, else the one figure. */
export function samplesOf(result: Result, metric: string): number[] {
  if (result.repetitions && result.repetitions.length > 0) {
    return result.repetitions.map((figures) => figures[metric]).filter((value) => value !== undefined && Number.isFinite(value))
  }
  const value = findMetric(metric)?.read(result) ?? null
  return value === null || !Number.isFinite(value) ? [] : [value]
}
