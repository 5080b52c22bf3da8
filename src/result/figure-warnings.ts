import type {LatencyName, LatencySummary, Summary} from '../metrics/result.js'
import {modelCapacityBytes} from '../engine/models/model-registry.js'
import {formatDuration, formatSize} from '../workload/units.js'
import type {ModelName, Workload} from '../workload/types.js'
import type {Clock} from '../time/clock.js'

/**
 * Sentences for the reader of a result whose figures would otherwise mislead: each one names
 * what happened and what to change. They go into `warnings` beside the figures.
 */
export interface FigureContext {
  workload: Workload
  clock: Clock['kind']
  targetKind: string
  /** The target sizes and evicts itself as the workload's `cache:` section says (its `evictionControl` capability). */
  evictionControl: boolean
  /** The built-in cache's model as the run used it (the URL's, when it names one). */
  cacheModel?: ModelName
  mode: 'closed' | 'open'
  durationMs: number
  summary: Summary
  latency: Partial<Record<LatencyName, LatencySummary>>
  timeoutMs: number
}

/** A closed loop's max this many times its p99.9 means one stall held every slot at once. */
const STALL_FACTOR = 10
/** …and at least this long: a few slow ms on a fast path are noise, not a stall. */
const STALL_FLOOR_MS = 50

export function figureWarnings(context: FigureContext): string[] {
  return [standstill(context), builtinOnlyCache(context), modelWithoutItemLimit(context), hiddenStall(context), timeoutsExcluded(context)].filter(
    (warning): warning is string => warning !== undefined,
  )
}

/** Simulated time that never advanced: throughput, TTL expiry and staleness ages would all read 0. */
function standstill({clock, durationMs, summary}: FigureContext): string | undefined {
  if (clock !== 'virtual' || durationMs > 0 || summary.operations === 0) return undefined
  return 'simulated time did not advance: every modelled latency on the path of these operations is 0, so throughput, TTL expiry and staleness ages are meaningless; give cache.latency or origin.latency a non-zero value.'
}

/** cache.maxItems and cache.capacity size the built-in engine; a real server keeps its own memory limit. */
function builtinOnlyCache({workload, targetKind, evictionControl}: FigureContext): string | undefined {
  if (evictionControl) return undefined
  const given = [
    workload.cache.maxItems !== null ? 'cache.maxItems' : undefined,
    workload.cache.capacityBytes !== null ? 'cache.capacity' : undefined,
  ].filter((name) => name !== undefined)
  if (given.length === 0) return undefined
  return `${given.join(' and ')} ${given.length === 1 ? 'applies' : 'apply'} to the built-in engine only and ${given.length === 1 ? 'was' : 'were'} ignored: evictions on ${targetKind} follow the server's own memory limit (Redis maxmemory, memcached -m).`
}

/** A model of a real node (from the target URL) has no item limit: the file's cache.maxItems, set for its ideal cache, did not apply. */
function modelWithoutItemLimit({workload, cacheModel}: FigureContext): string | undefined {
  if (cacheModel === undefined || cacheModel === 'ideal' || workload.cache.maxItems === null) return undefined
  const own = modelCapacityBytes(cacheModel, null)
  const memory = own === null ? 'capacity' : `capacity, ${formatSize(own)} when absent`
  return `cache.maxItems applies to the ideal model only and was ignored: the ${cacheModel} model, like the node it stands for, holds as many items as its memory does (${memory}).`
}

/**
 * A closed loop waits for a stalled server instead of sending more, so its percentiles hide the
 * stall. Judged against p99, not p99.9: a short run has so few operations that the handful that
 * waited out a stall can be the p99.9 itself.
 */
function hiddenStall({mode, clock, latency}: FigureContext): string | undefined {
  if (mode !== 'closed' || clock !== 'real') return undefined
  for (const name of ['read', 'write', 'delete'] as const) {
    const figures = latency[name]
    if (!figures || figures.count === 0) continue
    if (figures.max >= STALL_FLOOR_MS && figures.max > STALL_FACTOR * figures.p99) {
      return `the slowest ${name} took ${formatDuration(figures.max)}, ${Math.round(figures.max / figures.p99)}× its p99 (${formatDuration(figures.p99)}): something stalled (the server, the network or this client), and a closed loop stops sending while it waits, so its percentiles hide the stall; run with --rate to measure what users arriving at a steady rate would see.`
    }
  }
  return undefined
}

/** Failed commands have no latency to record: say that the cache percentiles leave them out. */
function timeoutsExcluded({summary, timeoutMs}: FigureContext): string | undefined {
  const timeouts = summary.errorsByKind.timeout
  if (timeouts === 0) return undefined
  return `${timeouts.toLocaleString('en-US')} cache command${timeouts === 1 ? '' : 's'} timed out after ${formatDuration(timeoutMs)}; the cache.* percentiles exclude them, while the read, write and delete latencies include the wait.`
}
