import type {Result} from '../metrics/result.js'
import {metricValue} from '../metrics/thresholds.js'
import {formatDuration} from '../workload/units.js'
import type {Painter} from './colour.js'
import {formatCount, formatRate} from './format.js'
import {pairTable, SUMMARY_VALUE_WIDTH} from './terminal-tables.js'

/** A messaging run's headline figures in place of the cache summary: what was published, what arrived, how fast. */
export function messagingTable(result: Result, paint: Painter): string | null {
  const messaging = result.summary.messaging
  if (!messaging) return null
  const count = (value: number | null | undefined): string => formatCount(value ?? null, SUMMARY_VALUE_WIDTH)
  const delivery = (stat: 'p50' | 'p99' | 'max'): string => {
    const ms = metricValue(result, `delivery.${stat}`)
    return ms === null ? '-' : formatDuration(ms)
  }
  const pairs: [string, string][] = [
    ['published', count(messaging.published)],
    ['published/s', formatRate(result.summary.throughput, SUMMARY_VALUE_WIDTH)],
    ['delivered', count(messaging.delivered)],
    ['delivered/s', formatRate(messaging.deliveredPerSecond, SUMMARY_VALUE_WIDTH)],
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
  if (messaging.lag) pairs.push(['lag max', count(messaging.lag.max)], ['lag final', count(messaging.lag.final)])
  if (messaging.pending !== null) pairs.push(['pending', count(messaging.pending)])
  if (messaging.trimmedBeforeRead !== null) pairs.push(['trimmed before read', count(messaging.trimmedBeforeRead)])
  return `${paint('cyan', `messaging (${messaging.kind})`)}\n${pairTable(pairs, paint)}`
}
