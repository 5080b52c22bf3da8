import type {SizePercentiles, TraceStats} from '../trace/trace-stats.js'
import {formatDuration, formatSize} from '../workload/units.js'
import {formatCount, formatPercent, formatRate} from './format.js'
import {sparkline} from './sparkline.js'

/** `cache-bench trace stats` as text: one labelled line per figure. */
export function renderTraceStats(stats: TraceStats): string {
  const {reads, writes, deletes} = stats.operations
  const share = (count: number) => formatPercent(stats.requests === 0 ? 0 : count / stats.requests)
  const rows: [string, string][] = [
    ['trace', `${stats.file} (${stats.format})`],
    ['requests', formatCount(stats.requests)],
    ['distinct keys', formatCount(stats.distinctKeys)],
    ['one-hit wonders', `${formatCount(stats.oneHitWonders)} keys (${formatPercent(stats.oneHitWonderRatio)} of the keys)`],
    ['operations', `${share(reads)} reads, ${share(writes)} writes, ${share(deletes)} deletes`],
    ['key size', sizes(stats.keyBytes)],
    ['value size', sizes(stats.valueBytes)],
    ['zipf theta', stats.zipfTheta.toFixed(3)],
  ]
  if (stats.spanMs !== null) rows.push(['span', `${formatDuration(stats.spanMs)}, ${formatRate(stats.meanRequestsPerSecond)} requests/s on average`])
  const rates = stats.requestRate.map((point) => point.perSecond)
  if (rates.length > 1) rows.push(['request rate', `${sparkline(rates, 40)} (max ${formatRate(Math.max(...rates))}/s)`])
  const skipped = Object.entries(stats.losses.skippedByCommand)
  if (skipped.length > 0) rows.push(['skipped', skipped.map(([command, count]) => `${formatCount(count)} ${command}`).join(', ')])
  if (stats.losses.badRecords > 0) rows.push(['bad records', formatCount(stats.losses.badRecords)])
  if (stats.losses.lost > 0) rows.push(['lost', `${formatCount(stats.losses.lost)} requests the capture skipped`])
  const lines = rows.map(([label, value]) => `${label.padEnd(16)}${value}`)
  lines.push('', 'reuse distance (distinct keys in between)')
  lines.push(`  first access      ${formatCount(stats.reuseDistance.firstAccesses)}`)
  for (const bucket of stats.reuseDistance.buckets) {
    const range = bucket.from === bucket.to ? String(bucket.from) : `${bucket.from}-${bucket.to}`
    lines.push(`  ${range.padEnd(18)}${formatCount(bucket.count)}`)
  }
  lines.push('', 'LRU miss ratio by cache size (items)')
  for (const point of stats.lruMissRatio) lines.push(`  ${formatCount(point.items).padEnd(18)}${formatPercent(point.missRatio)}`)
  return lines.join('\n')
}

function sizes(size: SizePercentiles): string {
  return `p50 ${formatSize(size.p50)}, p90 ${formatSize(size.p90)}, p99 ${formatSize(size.p99)}, max ${formatSize(size.max)}`
}
