/**
 * What `cache-bench merge` accepts from a result file it did not produce itself in this process:
 * every figure the merge reads, with its type and range (counts are whole numbers ≥ 0, ratios
 * within 0..1, times ≥ 0). A file edited by hand ("95118lots", a negative read count) or a JSON
 * document of another tool is refused by name and field instead of being summed into a result.
 * Objects stay open: results may carry fields this version does not know (docs/contracts.md, Result JSON).
 */
import {z} from 'zod'
import {SUMMARY_LAYOUT, type LeafRule} from '../metrics/summary-layout.js'
import {MODEL_NAMES} from '../workload/types.js'

let built: z.ZodType | undefined

/**
 * A result document as `merge` reads it; `shard` and `histograms` are checked afterwards, with
 * their own advice. Built on first use: `run` bundles this module (for --baseline) but most runs
 * never read a result file, and building the schema costs ~10 ms of every start.
 */
export function resultFileSchema(): z.ZodType {
  built ??= buildResultFileSchema()
  return built
}

function buildResultFileSchema(): z.ZodType {
  const count = z.int({error: 'must be a whole number ≥ 0'}).min(0, {error: 'must be a whole number ≥ 0'})
  const positiveCount = z.int({error: 'must be a whole number ≥ 1'}).min(1, {error: 'must be a whole number ≥ 1'})
  const nonNegative = z.number({error: 'must be a number ≥ 0'}).min(0, {error: 'must be a number ≥ 0'})
  const ratio = z.number({error: 'must be a number between 0 and 1'}).min(0, {error: 'must be between 0 and 1'}).max(1, {error: 'must be between 0 and 1'})
  const text = z.string({error: 'must be text'})
  // HDR's compressed encoding is base64 (hdr-histogram-js encodeIntoCompressedBase64).
  const base64 = text.regex(/^[A-Za-z0-9+/]*={0,2}$/, {error: 'must be a base64 histogram encoding'})

  const latencySummary = z.looseObject({count, mean: nonNegative, p50: nonNegative, p90: nonNegative, p99: nonNegative, p999: nonNegative, max: nonNegative, min: nonNegative})
  const latencyMap = z.record(text, latencySummary)
  const encodedHistogram = z.looseObject({count, sumMs: nonNegative, minMs: nonNegative, maxMs: nonNegative, hdr: base64})
  const histogramMap = z.record(text, encodedHistogram)

  const timelineCounts = z.looseObject({reads: count, hits: count, staleReads: count, originReads: count, read: encodedHistogram.optional()})

  const histograms = z.looseObject({
    latency: histogramMap,
    serviceTime: histogramMap,
    staleness: encodedHistogram.optional(),
    originQueued: encodedHistogram.optional(),
    timeline: z.array(timelineCounts),
  })

  /** The summary's figures as SUMMARY_LAYOUT declares them, each checked by its role. */
  const summary = layoutSchema(SUMMARY_LAYOUT)

  function layoutSchema(layout: object): z.ZodType {
    const shape: Record<string, z.ZodType> = {}
    for (const [key, node] of Object.entries(layout) as [string, object][]) shape[key] = 'role' in node ? figureSchema(node as LeafRule) : layoutSchema(node)
    return z.looseObject(shape)
  }

  function figureSchema(rule: LeafRule): z.ZodType {
    switch (rule.role) {
      case 'serverState':
        return count.nullable()
      case 'stat':
        return nonNegative
      case 'derived':
        return {ratio, rate: nonNegative, atMostOne: z.number({error: 'must be a number ≤ 1'}).max(1, {error: 'must be a number ≤ 1'})}[rule.range]
      default:
        return count
    }
  }

  const timelinePoint = z.looseObject({
    atMs: nonNegative,
    durationMs: nonNegative,
    operations: count,
    throughput: nonNegative,
    hitRatio: ratio.nullable(),
    staleRatio: ratio.nullable(),
    readP50: nonNegative.nullable(),
    readP99: nonNegative.nullable(),
    errors: count,
    originReadsPerSecond: nonNegative,
  })

  const phase = z.looseObject({
    name: text,
    startMs: nonNegative,
    durationMs: nonNegative,
    rate: z.looseObject({from: nonNegative, to: nonNegative}).nullable(),
    concurrency: count.nullable(),
    summary,
    latencyMs: latencyMap,
    serviceTimeMs: latencyMap.optional(),
    histograms: histograms.optional(),
  })

  const event = z.looseObject({
    action: text,
    atMs: nonNegative,
    timelineMs: nonNegative.nullable(),
    tookMs: nonNegative,
    details: z.record(text, z.union([z.number(), text], {error: 'must be numbers or text'})).optional(),
  })

  return z.looseObject({
    schema: text,
    tool: z.looseObject({name: text, version: text}),
    workload: z.looseObject({name: text, file: text.nullable(), description: text.nullable()}),
    target: z.looseObject({kind: text, url: text, client: text.optional(), keysDeleted: count.optional()}),
    strategy: z.looseObject({name: text, ttlMs: nonNegative.nullable()}),
    seed: count,
    cache: z
      .looseObject({
        model: z.enum(MODEL_NAMES),
        eviction: text,
        maxItems: positiveCount.nullable(),
        capacityBytes: positiveCount.nullable(),
        nodes: positiveCount.optional(),
      })
      .optional(),
    clock: z.enum(['virtual', 'real']),
    startedAt: z.iso.datetime({error: 'must be an ISO 8601 date and time'}),
    durationMs: nonNegative,
    wallMs: nonNegative,
    complete: z.boolean({error: 'must be true or false'}),
    load: z.looseObject({
      mode: z.enum(['closed', 'open']),
      concurrency: count,
      rate: nonNegative.nullable(),
      operations: count,
      warmupOperations: count,
      dropped: count,
      lateStarts: count,
    }),
    serviceTimeMs: latencyMap.optional(),
    client: z.looseObject({eventLoopDelayMs: z.looseObject({p50: nonNegative, p99: nonNegative, max: nonNegative})}).optional(),
    timeline: z.array(timelinePoint),
    timelineIntervalMs: z.number({error: 'must be a number greater than 0'}).positive({error: 'must be a number greater than 0'}),
    summary,
    latencyMs: latencyMap,
    warnings: z.array(text),
    thresholds: z.array(z.looseObject({expression: text, actual: z.number({error: 'must be a number'}).nullable(), pass: z.boolean({error: 'must be true or false'})})),
    histograms: histograms.optional(),
    shard: z.looseObject({index: positiveCount, count: positiveCount, workloadDigest: text}).optional(),
    workers: positiveCount.optional(),
    phases: z.array(phase).optional(),
    events: z.array(event).optional(),
    // A repeated run's figures, one record per run (diff's samples): a hand-edited "x" or null ended diff with a crash.
    repetitions: z
      .array(z.record(text, z.number({error: 'must be a number'}), {error: 'must be a mapping of figure names to numbers'}), {error: 'must be a list of figure records, one per run'})
      .min(1, {error: 'must hold at least one run'})
      .optional(),
  })
}
