import type {Result} from '../metrics/result.js'
import {metricValue} from '../metrics/thresholds.js'
import {formatDuration} from '../workload/units.js'
import {formatCount, formatRate} from './format.js'

/**
 * A messaging run's headline figures, in the order every report shows them: what was published,
 * what arrived, how fast; null for a cache run. `width` caps each value's characters (compact
 * forms past it), as a terminal column needs.
 */
export function messagingFigures(result: Result, width?: number): Array<[string, string]> | null {
  const messaging = result.summary.messaging
  if (!messaging) return null
  const count = (value: number | null | undefined): string => formatCount(value ?? null, width)
  const delivery = (stat: 'p50' | 'p99' | 'max'): string => {
    const ms = metricValue(result, `delivery.${stat}`)
    return ms === null ? '-' : formatDuration(ms)
  }
  const figures: Array<[string, string]> = [
    ['published', count(messaging.published)],
    ['published/s', formatRate(result.summary.throughput, width)],
    ['delivered', count(messaging.delivered)],
    ['delivered/s', formatRate(messaging.deliveredPerSecond, width)],
    ['expected deliveries', count(messaging.expectedDeliveries)],
    ['lost', count(messaging.lost)],
    ['duplicated', count(messaging.duplicated)],
    ['missed while away', count(messaging.missed)],
    ['fan-out mean', messaging.fanout === null ? '-' : messaging.fanout.mean.toFixed(2)],
    ['fan-out max', count(messaging.fanout?.max)],
    ['delivery p50', delivery('p50')],
    ['delivery p99', delivery('p99')],
    ['delivery max', delivery('max')],
    ['publish errors', count(messaging.publishErrors)],
  ]
  if (messaging.lag) figures.push(['lag max', count(messaging.lag.max)], ['lag final', count(messaging.lag.final)])
  if (messaging.pending !== null) figures.push(['pending', count(messaging.pending)])
  if (messaging.trimmedBeforeRead !== null) figures.push(['trimmed before read', count(messaging.trimmedBeforeRead)])
  return figures
}
