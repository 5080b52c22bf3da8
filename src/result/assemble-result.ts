/**
 * The one place a `cache-bench.result/v1` document is put together (docs/contracts.md, Result
 * JSON): a run, a messaging run and `merge` each work out their fields and hand them here, which
 * evaluates the thresholds on them and lays every field out in one order. Key order is not part
 * of the contract; one order keeps a single run's document and a merged one diffing cleanly.
 */
import type {MeasuredResult} from '../metrics/metric-catalog.js'
import type {Result} from '../metrics/result.js'
import {evaluateThresholds} from '../metrics/thresholds.js'

/** Every field of a result but the thresholds, which are evaluated on the others. */
export type ResultFields = MeasuredResult

/**
 * Every field, in document order. A Record over the result's keys, so a field added to the
 * result does not compile until it has its place here. Fields set after the build (`gates`,
 * `repetitions`, `errorLimit`) are placed last, where adding them leaves them.
 */
const FIELD_ORDER: Record<keyof Result, true> = {
  schema: true,
  tool: true,
  workload: true,
  target: true,
  strategy: true,
  seed: true,
  cache: true,
  clock: true,
  startedAt: true,
  durationMs: true,
  wallMs: true,
  setupMs: true,
  complete: true,
  load: true,
  summary: true,
  latencyMs: true,
  serviceTimeMs: true,
  client: true,
  timeline: true,
  timelineIntervalMs: true,
  trace: true,
  warnings: true,
  phases: true,
  events: true,
  failover: true,
  thresholds: true,
  histograms: true,
  shard: true,
  shards: true,
  workers: true,
  gates: true,
  repetitions: true,
  errorLimit: true,
}

/** The document: `fields` with the outcome of each threshold expression, in document order. */
export function assembleResult(fields: ResultFields, thresholds: readonly string[]): Result {
  const document: Record<string, unknown> = {}
  const given = fields as Record<string, unknown>
  const withThresholds: Record<string, unknown> = {...given, thresholds: evaluateThresholds(fields, thresholds)}
  for (const key of Object.keys(FIELD_ORDER)) if (withThresholds[key] !== undefined) document[key] = withThresholds[key]
  // A field the order does not know yet still reaches the document, after the known ones.
  for (const [key, value] of Object.entries(withThresholds)) if (!(key in document) && value !== undefined) document[key] = value
  return document as unknown as Result
}
