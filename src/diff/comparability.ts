import type {Result} from '../metrics/result.js'

/** What two results must share for their figures to be compared (issue: "comparable or not"). */
interface Aspect {
  name: string
  read(result: Result): string
}

const ASPECTS: readonly Aspect[] = [
  {name: 'seed', read: (r) => String(r.seed)},
  {name: 'target kind', read: (r) => r.target.kind},
  {name: 'strategy', read: (r) => strategyLabel(r)},
  // Results written before the field was recorded ran the built-in cache as the ideal model.
  {name: 'cache model', read: (r) => r.cache?.model ?? (r.clock === 'virtual' ? 'ideal' : "the server's own")},
  // A shard, or a merge of only some shards, holds a share of the run's operations and keys.
  {name: 'part of the run', read: (r) => partOfRun(r)},
  // Last: the digest also covers the seed and strategy, which are named more precisely above.
  {name: 'workload digest', read: (r) => r.workload.digest ?? r.shard?.workloadDigest ?? 'unknown'},
]

/** One sentence per aspect in which base and next differ; empty when they are comparable. */
export function mismatches(base: Result, next: Result): string[] {
  return ASPECTS.flatMap((aspect) => {
    const [a, b] = [aspect.read(base), aspect.read(next)]
    return a === b ? [] : [`${aspect.name} differs (baseline ${a}, new ${b})`]
  })
}

function partOfRun(result: Result): string {
  if (result.shard !== undefined) return `shard ${result.shard.index}/${result.shard.count}`
  const shards = result.shards
  if (shards !== undefined && shards.merged.length < shards.count) return `shards ${shards.merged.join(',')} of ${shards.count}`
  return 'the whole run'
}

function strategyLabel(result: Result): string {
  const s = result.strategy
  return `${s.name}${s.ttlMs === null ? '' : ` ttl ${s.ttlMs}ms`}${s.invalidateOnWrite ? ' +invalidateOnWrite' : ''}`
}
