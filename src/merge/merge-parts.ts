import {InputError} from '../errors.js'
import {RESULT_SCHEMA, type ResultHistograms, type Result, type ShardInfo} from '../metrics/result.js'

/** One result to merge, and how to name it in messages (a file name, or "worker 2"). */
export interface MergePart {
  result: Result
  source: string
}

/** A part whose result can be merged: it says which shard it is and carries its histograms. */
export interface ShardPart {
  result: Result & {shard: ShardInfo; histograms: ResultHistograms}
  source: string
}

/** What the merged parts together form, 0-based: the whole run (`{index: 0, count: 1}`), or one coarser part. */
export interface MergeGoal {
  index: number
  count: number
}

export interface CheckedParts {
  parts: ShardPart[]
  /** The parts' shard count. */
  count: number
  /** 1-based shard numbers that belong to the goal but were not given. */
  missing: number[]
}

/**
 * Refuses parts that cannot be merged into one result — not shard results, shards of different
 * workloads, seeds, targets or shard counts, one shard given twice, shards outside the goal —
 * and finds the shards that are missing.
 */
export function checkParts(given: readonly MergePart[], goal: MergeGoal): CheckedParts {
  if (given.length === 0) throw new InputError('nothing to merge: give the result files of the shards.')
  const parts = given.map(asShardPart)
  const [first] = parts
  const count = first.result.shard.count
  for (const part of parts.slice(1)) requireSameRun(first, part)
  if (count % goal.count !== 0) {
    throw new InputError(`${first.source} is one of ${count} shards, which do not divide into ${goal.count} parts.`)
  }
  const bySlot = new Map<number, ShardPart>()
  for (const part of parts) {
    const {index} = part.result.shard
    if (!Number.isInteger(index) || index < 1 || index > count) throw new InputError(`${part.source} claims to be shard ${index} of ${count}, which does not exist.`)
    if ((index - 1) % goal.count !== goal.index) {
      throw new InputError(`${part.source} is shard ${index}/${count}, which is not part of ${goal.index + 1}/${goal.count}.`)
    }
    const twin = bySlot.get(index)
    if (twin) throw new InputError(`${twin.source} and ${part.source} are both shard ${index}/${count}; each shard can be merged only once.`)
    bySlot.set(index, part)
  }
  const missing: number[] = []
  for (let index = goal.index + 1; index <= count; index += goal.count) if (!bySlot.has(index)) missing.push(index)
  return {parts: [...bySlot.entries()].sort((a, b) => a[0] - b[0]).map(([, part]) => part), count, missing}
}

function asShardPart(part: MergePart): ShardPart {
  const {result, source} = part
  if (typeof result !== 'object' || result === null || result.schema !== RESULT_SCHEMA) {
    throw new InputError(`${source} is not a cache-bench result (no "schema": "${RESULT_SCHEMA}").`)
  }
  if (!result.shard) throw new InputError(`${source} is not the result of one shard (it has no "shard" field); run each part with --shard i/n.`)
  if (!result.histograms) throw new InputError(`${source} has no "histograms", which an exact merge needs; run it again with this version of cache-bench.`)
  if (result.histograms.timeline.length !== result.timeline.length) {
    throw new InputError(`${source} has ${result.timeline.length} timeline points but counts for ${result.histograms.timeline.length}; the file was changed after the run.`)
  }
  return part as ShardPart
}

function requireSameRun(first: ShardPart, other: ShardPart): void {
  const a = first.result
  const b = other.result
  const differ = (what: string, x: unknown, y: unknown): InputError =>
    new InputError(`${other.source} and ${first.source} are not shards of one run: ${what} differ (${String(y)} vs ${String(x)}).`)
  if (a.workload.name !== b.workload.name) throw differ('the workloads', a.workload.name, b.workload.name)
  if (a.seed !== b.seed) throw differ('the seeds', a.seed, b.seed)
  if (a.shard.count !== b.shard.count) throw differ('the shard counts', a.shard.count, b.shard.count)
  if (a.shard.workloadDigest !== b.shard.workloadDigest) throw differ('the workload settings', a.shard.workloadDigest, b.shard.workloadDigest)
  if (a.target.kind !== b.target.kind) throw differ('the target kinds', a.target.kind, b.target.kind)
  // The built-in target's URL is its cache (builtin://?maxItems=…&model=…); servers may be reached from each host by another address.
  if (a.clock === 'virtual' && a.target.url !== b.target.url) throw differ('the built-in caches (target URLs)', a.target.url, b.target.url)
  // A part's timeline is widened (its interval doubled) when its own span needs more intervals than a run keeps, so parts of one run may differ by a power of two.
  const ratio = Math.max(a.timelineIntervalMs, b.timelineIntervalMs) / Math.min(a.timelineIntervalMs, b.timelineIntervalMs)
  if (!Number.isInteger(Math.log2(ratio))) throw differ('the timeline intervals (ms)', a.timelineIntervalMs, b.timelineIntervalMs)
}
