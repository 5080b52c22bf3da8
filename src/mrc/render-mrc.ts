import {formatCount, formatPercent, formatRate} from '../report/format.js'
import {markdownTable, markdownText} from '../report/markdown-table.js'
import {ratioBar} from '../report/ratio-bars.js'
import {formatDuration, formatSize} from '../workload/units.js'
import {pointSize, type MrcMethod, type MrcPoint, type MrcResult} from './mrc-result.js'
import type {SizeUnit} from './size-grid.js'

const BAR_WIDTH = 32

const METHOD_WORDS: Record<MrcMethod, string> = {
  'exact-lru': 'exact LRU by stack distances, one pass',
  'shards-fixed-rate': 'SHARDS stack distances, fixed sampling rate',
  'shards-fixed-size': 'SHARDS stack distances, fixed number of sampled keys',
  simulation: 'a simulation of the built-in engine at each size',
}

export function formatCurveSize(unit: SizeUnit, size: number): string {
  return unit === 'items' ? formatCount(size, 7) : formatSize(size)
}

/** How the curve was made, in one or two lines. */
function methodLines(result: MrcResult): string[] {
  const lines = [`method       ${METHOD_WORDS[result.method]}${result.methodReason ? ` (${result.methodReason})` : ''}`]
  const sampling = result.sampling
  if (sampling) {
    lines.push(`sampling     rate ${sampling.rate.toPrecision(3)}, ${formatCount(sampling.sampledKeys)} keys sampled, expected error ±${sampling.expectedError.toFixed(3)}`)
  }
  lines.push(
    `stream       ${formatCount(result.requests)} operations (${formatCount(result.warmup)} warm-up), ${formatCount(result.reads)} reads measured, computed in ${formatDuration(result.elapsedMs)}`,
  )
  return lines
}

/** The curve as a text chart: one bar of hit ratio per size, with the figures beside it. */
export function renderMrcTerminal(result: MrcResult): string {
  const header = [
    `workload     ${result.workload.name}${result.workload.file ? ` (${result.workload.file})` : ''}`,
    `strategy     ${result.strategy.name}${result.strategy.ttlMs === null ? '' : `, TTL ${formatDuration(result.strategy.ttlMs)}`}; cache model ${result.cache.model}, eviction ${result.cache.eviction}`,
    ...methodLines(result),
  ]
  const sizes = result.points.map((point) => formatCurveSize(result.unit, pointSize(point)))
  const sizeWidth = Math.max(4, ...sizes.map((text) => text.length))
  const title = `${(result.unit === 'items' ? 'items' : 'memory').padStart(sizeWidth)}   ${'hit ratio'.padEnd(BAR_WIDTH)}      hit    miss  origin reads/s`
  const rows = result.points.map(
    (point, index) =>
      `${sizes[index].padStart(sizeWidth)} │ ${ratioBar(point.hitRatio, BAR_WIDTH)} │ ${formatPercent(point.hitRatio).padStart(6)}  ${formatPercent(point.missRatio).padStart(6)}  ${formatRate(point.originReadsPerSec).padStart(14)}`,
  )
  // A closed loop sets no request rate, so the origin column is empty: say how to fill it.
  const note = result.points.some((point) => point.originReadsPerSec === null) ? ['', "origin reads/s need the workload's request rate: give --rate (e.g. --rate 20k/s)."] : []
  return [...header, '', title, ...rows, ...note, ''].join('\n')
}

export function renderMrcMarkdown(result: MrcResult): string {
  const extra = (point: MrcPoint) => (result.method === 'simulation' ? [`${point.readP99Ms?.toFixed(2) ?? '-'}`, formatPercent(point.staleRatio ?? null)] : [])
  const head = [result.unit === 'items' ? 'items' : 'memory', 'hit ratio', 'miss ratio', 'origin reads/s', ...(result.method === 'simulation' ? ['read p99 (ms)', 'stale ratio'] : [])]
  return [
    `## Miss-ratio curve: ${markdownText(result.workload.name)}`,
    '',
    methodLines(result).map((line) => `- ${line.replace(/^(\w+)\s+/, '$1: ')}`).join('\n'),
    '',
    markdownTable(
      head,
      result.points.map((point) => [formatCurveSize(result.unit, pointSize(point)), formatPercent(point.hitRatio), formatPercent(point.missRatio), formatRate(point.originReadsPerSec), ...extra(point)]),
      head.map((_, index) => (index === 0 ? 'left' : 'right')),
    ),
    '',
  ].join('\n')
}
