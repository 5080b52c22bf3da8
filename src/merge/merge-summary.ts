import type {LatencySummary, Summary} from '../metrics/result.js'

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole)
const ZERO_TIMES = {p50: 0, p99: 0, max: 0, mean: 0}

/**
 * The summary of several parts that ran at the same time: counts summed, ratios recomputed from
 * the sums (never averaged), time statistics from the merged histograms. The builtin target gives
 * each part its own engine, so its server-side counters add up; a real server is shared by the
 * parts, each of which saw the whole server's counters move, so those take the largest part's.
 */
export function mergeSummaries(
  summaries: readonly Summary[],
  ownEngines: boolean,
  durationMs: number,
  merged: {staleness: LatencySummary | undefined; queued: LatencySummary | undefined},
): Summary {
  const sum = (read: (summary: Summary) => number): number => summaries.reduce((total, summary) => total + read(summary), 0)
  const server = (read: (summary: Summary) => number): number =>
    ownEngines ? sum(read) : Math.max(...summaries.map(read))
  const serverOrNull = (read: (summary: Summary) => number | null): number | null => {
    const values = summaries.map(read).filter((value): value is number => value !== null)
    if (values.length === 0) return null
    return ownEngines ? values.reduce((a, b) => a + b, 0) : Math.max(...values)
  }
  const {staleness, queued} = merged

  const operations = sum((s) => s.operations)
  const reads = sum((s) => s.reads)
  const hits = sum((s) => s.hits)
  const misses = sum((s) => s.misses)
  const staleReads = sum((s) => s.staleReads)
  const originReads = sum((s) => s.origin.reads)
  const structureCount = (name: keyof Omit<Summary['structures'], 'hgetallHitRatio'>): number => sum((s) => s.structures[name])
  return {
    operations,
    throughput: durationMs > 0 ? (operations * 1000) / durationMs : 0,
    errors: sum((s) => s.errors),
    errorsByKind: {
      timeout: sum((s) => s.errorsByKind.timeout),
      connection: sum((s) => s.errorsByKind.connection),
      server: sum((s) => s.errorsByKind.server),
    },
    reads,
    writes: sum((s) => s.writes),
    deletes: sum((s) => s.deletes),
    hits,
    misses,
    hitRatio: ratio(hits, hits + misses),
    staleReads,
    staleRatio: ratio(staleReads, reads),
    stalenessMs: staleness ? {p50: staleness.p50, p99: staleness.p99, max: staleness.max, mean: staleness.mean} : {...ZERO_TIMES},
    origin: {
      reads: originReads,
      writes: sum((s) => s.origin.writes),
      readsAvoided: reads === 0 ? 0 : 1 - originReads / reads,
      // Each part has its own simulated origin; their peaks need not coincide, so this is an upper bound.
      peakConcurrency: sum((s) => s.origin.peakConcurrency),
      duplicateReads: sum((s) => s.origin.duplicateReads),
      refreshes: sum((s) => s.origin.refreshes),
      writesCoalesced: sum((s) => s.origin.writesCoalesced),
      writesPending: sum((s) => s.origin.writesPending),
      writesLost: sum((s) => s.origin.writesLost),
      queuedMs: queued ? {p50: queued.p50, p99: queued.p99, max: queued.max} : {p50: 0, p99: 0, max: 0},
    },
    cache: {
      sets: sum((s) => s.cache.sets),
      deletes: sum((s) => s.cache.deletes),
      evictions: server((s) => s.cache.evictions),
      expirations: server((s) => s.cache.expirations),
      wastedWrites: sum((s) => s.cache.wastedWrites),
      leaseWaits: sum((s) => s.cache.leaseWaits),
      leaseSetsRefused: sum((s) => s.cache.leaseSetsRefused),
      items: serverOrNull((s) => s.cache.items),
      bytes: serverOrNull((s) => s.cache.bytes),
    },
    structures: {
      zincrby: structureCount('zincrby'),
      zrevrange: structureCount('zrevrange'),
      zrank: structureCount('zrank'),
      hset: structureCount('hset'),
      hgetall: structureCount('hgetall'),
      expire: structureCount('expire'),
      lpush: structureCount('lpush'),
      lrange: structureCount('lrange'),
      hgetallHits: structureCount('hgetallHits'),
      hgetallHitRatio: ratio(structureCount('hgetallHits'), structureCount('hgetall')),
    },
  }
}
