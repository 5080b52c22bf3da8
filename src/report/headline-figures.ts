import type {Result} from '../metrics/result.js'
import {metricValue} from '../metrics/thresholds.js'
import {formatMetric} from './format-metric.js'
import {formatCount, formatPercent, formatRate} from './format.js'
import {messagingFigures} from './messaging-figures.js'

/** The messaging figures a report leads with, by their label in messagingFigures. */
const MESSAGING_HEADLINE = ['published/s', 'delivered/s', 'delivery p99', 'lost', 'duplicated']

/**
 * The few figures a report leads with (HTML cards, the Markdown summary's first table): a cache
 * run's throughput, hit and stale ratios, offload and read p99 (each `-` where not measured or
 * not applicable to the strategy); a messaging run, which has none of those, what it published
 * and delivered, how late, and what it lost or repeated. Errors last.
 */
export function headlineFigures(result: Result): Array<[string, string]> {
  const s = result.summary
  const messaging = messagingFigures(result)
  const leading: Array<[string, string]> =
    messaging === null
      ? [
          ['throughput', `${formatRate(s.throughput)} ops/s`],
          ['hit ratio', formatPercent(metricValue(result, 'hitRatio'))],
          ['stale ratio', formatPercent(metricValue(result, 'staleRatio'))],
          ['origin offload', formatPercent(metricValue(result, 'origin.readsAvoided'))],
          ['read p99', formatMetric('read.p99', metricValue(result, 'read.p99'))],
        ]
      : MESSAGING_HEADLINE.map((label): [string, string] => [label, new Map(messaging).get(label) ?? '-'])
  return [...leading, ['errors', formatCount(s.errors)]]
}
