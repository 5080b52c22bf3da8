import {formatCount, formatPercent, formatRate} from '../report/format.js'
import {formatDuration} from '../workload/units.js'
import {strategyUsesCache, strategyUsesOrigin} from '../strategies/strategy-parts.js'
import type {CellResult} from './comparison.js'

type Pick = (result: CellResult) => number

/**
 * A few plain sentences drawn from the numbers: what minimises stale reads and at what cost in
 * cache writes, what gives the lowest p99 and the most offload, where the origin saturates,
 * and — when those cells exist — what write-behind risks, what stampedes cost and what the TTL
 * trades. Every sentence names cells and quotes the figures it rests on.
 */
export function verdict(results: readonly CellResult[], originConcurrency: number): string[] {
  if (results.length === 0) return []
  if (results.every((result) => result.summary.operations === 0)) {
    return ['No cell measured an operation (each run ended within its warm-up), so there is nothing to compare: see the warnings.']
  }
  const measured = results.filter((result) => result.summary.reads > 0)
  // Freshness, offload and the origin's load are figures of an origin: cache-only has none, and
  // its 0% stale and 100% offload would win every such sentence for want of one.
  const withOrigin = measured.filter((result) => strategyUsesOrigin(result.strategy.name))
  const caching = withOrigin.filter((result) => strategyUsesCache(result.strategy.name))
  return [
    freshness(withOrigin, caching),
    latency(measured),
    offload(withOrigin, measured),
    // Cells that measured no operation (a run shorter than its warm-up) have no origin figures to judge.
    saturation(results.filter((result) => result.summary.operations > 0), originConcurrency),
    writeBehind(results),
    stampedes(results.filter((result) => strategyUsesCache(result.strategy.name) && strategyUsesOrigin(result.strategy.name))),
    ttlTradeOff(caching),
  ].filter((sentence): sentence is string => sentence !== undefined)
}

const name = (result: CellResult): string => result.cell.label
const perOperation = (result: CellResult, count: number): number => (result.summary.operations === 0 ? 0 : count / result.summary.operations)

function lowest(results: readonly CellResult[], pick: Pick, tieBreak?: Pick): CellResult {
  return results.reduce((best, result) => {
    const [a, b] = [pick(result), pick(best)]
    if (a < b || (a === b && tieBreak !== undefined && tieBreak(result) < tieBreak(best))) return result
    return best
  })
}

function highest(results: readonly CellResult[], pick: Pick): CellResult {
  return lowest(results, (result) => -pick(result))
}

function freshness(measured: readonly CellResult[], caching: readonly CellResult[]): string | undefined {
  if (measured.length === 0) return undefined
  if (measured.every((result) => result.summary.staleReads === 0)) return 'No cell served a stale read.'
  if (caching.length === 0) return undefined
  const staleRatio: Pick = (result) => result.summary.staleRatio
  const setsPerOperation: Pick = (result) => perOperation(result, result.summary.cache.sets)
  const freshest = lowest(caching, staleRatio, setsPerOperation)
  const stalest = highest(caching, staleRatio)
  const staleness = (result: CellResult): string =>
    result.summary.staleReads === 0 ? '' : `, staleness p99 ${formatDuration(result.summary.stalenessMs.p99)}`
  let sentence = `Fewest stale reads with a cache: ${name(freshest)} (${formatPercent(freshest.summary.staleRatio)} of reads${staleness(freshest)})`
  if (stalest !== freshest) sentence += `; most: ${name(stalest)} (${formatPercent(stalest.summary.staleRatio)}${staleness(stalest)})`
  sentence += '.'
  const cheapest = lowest(caching, setsPerOperation, staleRatio)
  const per100 = (result: CellResult): string => formatRate(100 * setsPerOperation(result))
  if (cheapest === freshest) return `${sentence} It also makes the fewest cache writes (${per100(freshest)} per 100 operations).`
  const ratio = setsPerOperation(cheapest) === 0 ? '' : formatRate(setsPerOperation(freshest) / setsPerOperation(cheapest))
  if (ratio === '1') return `${sentence} It makes about as many cache writes as ${name(cheapest)}, which makes the fewest (${per100(freshest)} and ${per100(cheapest)} per 100 operations).`
  const times = ratio === '' ? '' : ` (${ratio}×)`
  return `${sentence} It pays with ${per100(freshest)} cache writes per 100 operations, against ${per100(cheapest)} for ${name(cheapest)}${times}.`
}

/**
 * The cells whose figure equals `best`'s, named together: a tie (common in simulated time, where
 * strategies that read alike give the same percentiles) is said, not settled by the cells' order.
 */
function namesTiedWith(results: readonly CellResult[], best: CellResult, pick: Pick): string {
  const tied = results.filter((result) => pick(result) === pick(best))
  return tied.length === 1 ? name(best) : `${listNames(tied)} (tied)`
}

function latency(measured: readonly CellResult[]): string | undefined {
  const withReads = measured.filter((result) => result.latencyMs.read !== undefined)
  if (withReads.length === 0) return undefined
  const p99: Pick = (result) => result.latencyMs.read!.p99
  const fastest = lowest(withReads, p99)
  const slowest = highest(withReads, p99)
  if (withReads.length > 1 && p99(slowest) === p99(fastest)) return `Every cell has the same read p99 (${formatDuration(p99(fastest))}).`
  const lowestText = `Lowest read p99: ${namesTiedWith(withReads, fastest, p99)} (${formatDuration(p99(fastest))})`
  return slowest === fastest ? `${lowestText}.` : `${lowestText}; highest: ${namesTiedWith(withReads, slowest, p99)} (${formatDuration(p99(slowest))}).`
}

function offload(withOrigin: readonly CellResult[], measured: readonly CellResult[]): string | undefined {
  if (measured.length === 0) return undefined
  const throughput: Pick = (result) => result.summary.throughput
  const quickest = highest(measured, throughput)
  const quickestText = `${namesTiedWith(measured, quickest, throughput)} (${formatRate(quickest.summary.throughput)} ops/s)`
  if (withOrigin.length === 0) return `Highest throughput: ${quickestText}.`
  const readsAvoided: Pick = (result) => result.summary.origin.readsAvoided
  const most = highest(withOrigin, readsAvoided)
  const offloadText = `Most origin offload: ${namesTiedWith(withOrigin, most, readsAvoided)} (${formatPercent(most.summary.origin.readsAvoided)} of reads never reach the origin)`
  return `${offloadText}; highest throughput: ${quickestText}.`
}

function saturation(results: readonly CellResult[], limit: number): string | undefined {
  if (results.length === 0) return undefined
  const queued = results.filter((result) => result.summary.origin.queuedMs.p99 > 0)
  if (queued.length === 0) {
    const peak = highest(results, (result) => result.summary.origin.peakConcurrency).summary.origin.peakConcurrency
    // cache-only reads nothing from the origin and writes nothing to it: nothing to say of its load.
    if (peak === 0) return undefined
    return `The origin never saturates: at most ${formatCount(peak)} of its ${formatCount(limit)} connections were needed at once.`
  }
  const worst = highest(queued, (result) => result.summary.origin.queuedMs.p99)
  const where = queued.length === results.length ? 'in every cell' : `in ${listNames(queued)}`
  const {peakConcurrency, queuedMs} = worst.summary.origin
  return (
    `The origin saturates ${where}: more than 1% of its queries wait for one of its ${formatCount(limit)} connections ` +
    `(worst: ${name(worst)}, ${formatCount(peakConcurrency)} wanted at once, p99 wait ${formatDuration(queuedMs.p99)}).`
  )
}

function writeBehind(results: readonly CellResult[]): string | undefined {
  const deferred = results.filter((result) => result.strategy.name === 'write-behind')
  const losing = results.filter((result) => result.summary.origin.writesLost > 0)
  const sentences: string[] = []
  if (deferred.length > 0) {
    const most = highest(deferred, (result) => result.summary.origin.writesPending)
    const {writesPending, writesCoalesced} = most.summary.origin
    sentences.push(
      `write-behind answers writes before the origin has them: in ${name(most)}, ${formatCount(writesPending)} ` +
        `were still waiting for their flush when the run ended and ${formatCount(writesCoalesced)} were folded into later writes.`,
    )
  }
  if (losing.length > 0) {
    sentences.push(`Writes lost with the failed node: ${losing.map((result) => `${name(result)} ${formatCount(result.summary.origin.writesLost)}`).join(', ')}.`)
  }
  return sentences.length === 0 ? undefined : sentences.join(' ')
}

function stampedes(results: readonly CellResult[]): string | undefined {
  const duplicated = results.filter((result) => result.summary.origin.duplicateReads > 0)
  if (duplicated.length === 0) return undefined
  const duplicateReads: Pick = (result) => result.summary.origin.duplicateReads
  const most = highest(duplicated, duplicateReads)
  const clean = results.filter((result) => result.summary.origin.duplicateReads === 0)
  const cleanText = clean.length === 0 ? '' : `; none in ${listNames(clean)}`
  return `Duplicate origin reads (a key read again while already loading): most in ${namesTiedWith(duplicated, most, duplicateReads)} (${formatCount(most.summary.origin.duplicateReads)})${cleanText}.`
}

function ttlTradeOff(caching: readonly CellResult[]): string | undefined {
  const groups = new Map<string, CellResult[]>()
  for (const result of caching) {
    if (result.cell.ttl === undefined) continue
    const key = [result.cell.strategy, result.cell.mix].filter((part) => part !== undefined).join(' ')
    groups.set(key, [...(groups.get(key) ?? []), result])
  }
  const [group, members] = [...groups].find(([, list]) => list.length > 1) ?? []
  if (members === undefined) return undefined
  const byTtl = [...members].sort((a, b) => (a.strategy.ttlMs ?? Infinity) - (b.strategy.ttlMs ?? Infinity))
  const parts = byTtl.map(
    (result) => `ttl ${result.cell.ttl}: ${formatPercent(result.summary.hitRatio)} hits, ${formatPercent(result.summary.staleRatio)} stale`,
  )
  const span = Math.max(...byTtl.map((result) => result.durationMs))
  const outlasting = byTtl.filter((result) => result.strategy.ttlMs !== null && result.strategy.ttlMs >= span).map((result) => result.cell.ttl)
  const caveat =
    outlasting.length === 0
      ? ''
      : ` A TTL of ${outlasting.join(' or ')} outlasts the ${formatDuration(span)} measured, so no entry expired in it: run longer (--duration) to see its effect.`
  return `TTL trades hits for freshness${group ? ` (${group})` : ''}: ${parts.join('; ')}.${caveat}`
}

function listNames(results: readonly CellResult[], max = 4): string {
  const names = results.slice(0, max).map(name)
  return results.length > max ? `${names.join(', ')} and ${results.length - max} more` : names.join(', ')
}
