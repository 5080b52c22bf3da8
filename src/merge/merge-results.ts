import {InputError} from '../errors.js'
import type {EventLoopDelay} from '../metrics/event-loop-monitor.js'
import type {CacheSettings, Result, ShardInfo} from '../metrics/result.js'
import {mergeEvents} from './merge-events.js'
import {mergeFigures} from './merge-figures.js'
import {checkParts, type MergeGoal, type MergePart} from './merge-parts.js'
import {mergePhases} from './merge-phases.js'
import {mergeTimelines} from './merge-timeline.js'
import {mergeWarnings, shardLabel} from './merge-warnings.js'
import {assembleResult, type ResultFields} from '../result/assemble-result.js'

export type {MergePart} from './merge-parts.js'

export interface MergeOptions {
  /** What the parts form together, 0-based; the whole run by default. */
  goal?: MergeGoal
  /** Merge even when shards are missing; a warning names them. Otherwise missing shards are refused. */
  partial?: boolean
  /** How a part is named in warnings; "shard i/n" by default. */
  label?: (shard: ShardInfo) => string
}

const WHOLE: MergeGoal = {index: 0, count: 1}

/**
 * Several shards' results combined into the result of the run they are parts of, exactly:
 * counts summed, histograms added bucket by bucket and percentiles read from the sum, ratios
 * recomputed from summed counts. The parts ran at the same time, so the measured span is the
 * longest part's and throughput is all operations over it. Thresholds are evaluated again on
 * the merged figures; the document is built as a run's is (src/result/assemble-result.ts).
 */
export function mergeResults(given: readonly MergePart[], options: MergeOptions = {}): Result {
  const goal = options.goal ?? WHOLE
  const {parts, count, missing} = checkParts(given, goal)
  if (missing.length > 0 && !options.partial) {
    const list = missing.join(', ')
    throw new InputError(
      `shard${missing.length === 1 ? '' : 's'} ${list} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing; merge every shard, or pass --partial to merge the ones given.`,
    )
  }
  const results = parts.map((part) => part.result)
  const [first] = results
  // A simulated cache gives each part its own engine; a real server is shared by the parts.
  const ownEngines = first.clock === 'virtual'
  const durationMs = Math.max(...results.map((result) => result.durationMs))
  const figures = mergeFigures(results, ownEngines, durationMs)
  const {timeline, counts, intervalMs: timelineIntervalMs} = mergeTimelines(results)
  const phases = mergePhases(results, ownEngines)
  const eventLoop = results.map((result) => result.client?.eventLoopDelayMs).filter((delay): delay is EventLoopDelay => delay !== undefined)
  const keysDeleted = results.some((result) => result.target.keysDeleted !== undefined) ? sumOf(results, (result) => result.target.keysDeleted ?? 0) : undefined
  const workers = results.some((result) => result.workers !== undefined) ? sumOf(results, (result) => result.workers ?? 1) : undefined
  const merged: ResultFields = {
    schema: first.schema,
    tool: first.tool,
    workload: first.workload,
    target: {...first.target, ...keyPrefixesOf(results), ...(keysDeleted === undefined ? {} : {keysDeleted})},
    strategy: first.strategy,
    seed: first.seed,
    ...(first.cache ? {cache: mergeCache(results, first.cache)} : {}),
    clock: first.clock,
    startedAt: results.map((result) => result.startedAt).sort()[0],
    durationMs,
    wallMs: Math.max(...results.map((result) => result.wallMs)),
    // Parts set up side by side: the whole waited for the slowest.
    ...(results.some((result) => result.setupMs !== undefined) ? {setupMs: Math.max(...results.map((result) => result.setupMs ?? 0))} : {}),
    complete: results.every((result) => result.complete),
    load: {
      mode: first.load.mode,
      concurrency: sumOf(results, (result) => result.load.concurrency),
      rate: first.load.rate,
      operations: sumOf(results, (result) => result.load.operations),
      warmupOperations: sumOf(results, (result) => result.load.warmupOperations),
      dropped: sumOf(results, (result) => result.load.dropped),
      lateStarts: sumOf(results, (result) => result.load.lateStarts),
    },
    ...(figures.serviceTimeMs ? {serviceTimeMs: figures.serviceTimeMs} : {}),
    // Each part has its own event loop; the worst one says whether the load generator kept up.
    ...(eventLoop.length > 0 ? {client: {eventLoopDelayMs: worstDelay(eventLoop)}} : {}),
    timeline,
    timelineIntervalMs,
    summary: figures.summary,
    latencyMs: figures.latencyMs,
    warnings: mergeWarnings(parts, missing, count, options.label ?? shardLabel),
    histograms: {...figures.histograms, timeline: counts},
    ...(goal.count > 1
      ? {shard: {index: goal.index + 1, count: goal.count, workloadDigest: first.shard.workloadDigest}}
      : {shards: {count, merged: results.map((result) => result.shard.index)}}),
    ...(workers === undefined ? {} : {workers}),
    ...(phases ? {phases} : {}),
    // Every part of a trace replay reads the whole trace: its summary is the same in each.
    ...(first.trace ? {trace: first.trace} : {}),
    ...mergeEvents(results),
  }
  return assembleResult(merged, first.thresholds.map((threshold) => threshold.expression))
}

/** Each part had its share of the built-in cache's room (src/runner/part-workload.ts): the whole had their sum. */
function mergeCache(results: readonly Result[], first: CacheSettings): CacheSettings {
  const total = (read: (cache: CacheSettings) => number | null): number | null =>
    read(first) === null ? null : sumOf(results, (result) => (result.cache ? (read(result.cache) ?? 0) : 0))
  return {...first, maxItems: total((cache) => cache.maxItems), capacityBytes: total((cache) => cache.capacityBytes)}
}

function sumOf(results: readonly Result[], read: (result: Result) => number): number {
  return results.reduce((total, result) => total + read(result), 0)
}

function worstDelay(delays: readonly EventLoopDelay[]): EventLoopDelay {
  return {
    p50: Math.max(...delays.map((delay) => delay.p50)),
    p99: Math.max(...delays.map((delay) => delay.p99)),
    max: Math.max(...delays.map((delay) => delay.max)),
  }
}

/**
 * Parts run on different hosts each write under a prefix of their own: the merge names them all
 * (`keyPrefixes`, beside the first part's `keyPrefix`), so its `keysDeleted` is not read as one
 * prefix's keys. Parts of one prefix (the threads of `--workers`) leave the result as it was.
 */
function keyPrefixesOf(results: readonly Result[]): {keyPrefixes?: string[]} {
  const prefixes = [...new Set(results.map((result) => result.target.keyPrefix).filter((prefix): prefix is string => prefix !== undefined))]
  return prefixes.length > 1 ? {keyPrefixes: prefixes} : {}
}
