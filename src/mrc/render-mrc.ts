import {formatCount, formatPercent, formatRate} from '../report/format.js'
import {markdownTable, markdownText} from '../report/markdown-table.js'
import {ratioBar} from '../report/ratio-bars.js'
import type {RenderOptions} from '../report/renderer.js'
import {wrapText} from '../report/wrap.js'
import {formatDuration, formatSize} from '../workload/units.js'
import {pointSize, type MrcMethod, type MrcPoint, type MrcResult} from './mrc-result.js'
import type {SizeUnit} from './size-grid.js'

/** The hit-ratio bar's width where the terminal has room; narrower terminals get a shorter bar, not wrapped rows. */
const BAR_WIDTH = 32
const MIN_BAR_WIDTH = 8
/** Labels of the header lines ("workload", "strategy"…) are padded to this. */
const LABEL_WIDTH = 13

const METHOD_WORDS: Record<MrcMethod, string> = {
  'exact-lru': 'exact LRU by stack distances, one pass',
  'shards-fixed-rate': 'SHARDS stack distances, fixed sampling rate',
  'shards-fixed-size': 'SHARDS stack distances, fixed number of sampled keys',
  simulation: 'a simulation of the built-in engine at each size',
}

export function formatCurveSize(unit: SizeUnit, size: number): string {
  return unit === 'items' ? formatCount(size, 7) : formatSize(size)
}

/** How the curve was made: [label, text] lines. */
function methodLines(result: MrcResult): Array<[string, string]> {
  const lines: Array<[string, string]> = [['method', `${METHOD_WORDS[result.method]}${result.methodReason ? ` (${result.methodReason})` : ''}`]]
  const sampling = result.sampling
  if (sampling) {
    lines.push(['sampling', `rate ${sampling.rate.toPrecision(3)}, ${formatCount(sampling.sampledKeys)} keys sampled, expected error ±${sampling.expectedError.toFixed(3)}`])
  }
  lines.push([
    'stream',
    `${formatCount(result.requests)} operations (${formatCount(result.warmup)} warm-up), ${formatCount(result.reads)} reads measured, computed in ${formatDuration(result.elapsedMs)}`,
  ])
  return lines
}

/** The curve as a text chart: one bar of hit ratio per size, with the figures beside it, in `width` columns. */
export function renderMrcTerminal(result: MrcResult, {width}: Pick<RenderOptions, 'width'> = {width: 80}): string {
  const header: Array<[string, string]> = [
    ['workload', `${result.workload.name}${result.workload.file ? ` (${result.workload.file})` : ''}`],
    ['strategy', `${result.strategy.name}${result.strategy.ttlMs === null ? '' : `, TTL ${formatDuration(result.strategy.ttlMs)}`}; cache model ${result.cache.model}, eviction ${result.cache.eviction}`],
    ...methodLines(result),
  ]
  const headerLines = header.flatMap(([label, text]) => wrapText(text, width, LABEL_WIDTH, label.padEnd(LABEL_WIDTH)))
  const sizes = result.points.map((point) => formatCurveSize(result.unit, pointSize(point)))
  const sizeWidth = Math.max(4, ...sizes.map((text) => text.length))
  // A row is the size, 6 columns of frame, the bar and 30 of figures.
  const barWidth = Math.max(MIN_BAR_WIDTH, Math.min(BAR_WIDTH, width - sizeWidth - 36))
  const title = `${(result.unit === 'items' ? 'items' : 'memory').padStart(sizeWidth)}   ${'hit ratio'.padEnd(barWidth)}      hit    miss  origin reads/s`
  const rows = result.points.map(
    (point, index) =>
      `${sizes[index].padStart(sizeWidth)} │ ${ratioBar(point.hitRatio, barWidth)} │ ${formatPercent(point.hitRatio).padStart(6)}  ${formatPercent(point.missRatio).padStart(6)}  ${formatRate(point.originReadsPerSec).padStart(14)}`,
  )
  // A closed loop sets no request rate, so the origin column is empty: say how to fill it.
  const note = result.points.some((point) => point.originReadsPerSec === null) ? ['', ...wrapText("origin reads/s need the workload's request rate: give --rate (e.g. --rate 20k/s).", width)] : []
  return [...headerLines, '', title, ...rows, ...note, ''].join('\n')
}

export function renderMrcMarkdown(result: MrcResult): string {
  const extra = (point: MrcPoint) => (result.method === 'simulation' ? [`${point.readP99Ms?.toFixed(2) ?? '-'}`, formatPercent(point.staleRatio ?? null)] : [])
  const head = [result.unit === 'items' ? 'items' : 'memory', 'hit ratio', 'miss ratio', 'origin reads/s', ...(result.method === 'simulation' ? ['read p99 (ms)', 'stale ratio'] : [])]
  return [
    `## Miss-ratio curve: ${markdownText(result.workload.name)}`,
    '',
    methodLines(result).map(([label, text]) => `- ${label}: ${text}`).join('\n'),
    '',
    markdownTable(
      head,
      result.points.map((point) => [formatCurveSize(result.unit, pointSize(point)), formatPercent(point.hitRatio), formatPercent(point.missRatio), formatRate(point.originReadsPerSec), ...extra(point)]),
      head.map((_, index) => (index === 0 ? 'left' : 'right')),
    ),
    '',
  ].join('\n')
}
