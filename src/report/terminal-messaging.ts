import type {Result} from '../metrics/result.js'
import type {Painter} from './colour.js'
import {messagingFigures} from './messaging-figures.js'
import {pairTable, SUMMARY_VALUE_WIDTH} from './terminal-tables.js'

/** A messaging run's headline figures in place of the cache summary: what was published, what arrived, how fast. */
export function messagingTable(result: Result, paint: Painter): string | null {
  const figures = messagingFigures(result, SUMMARY_VALUE_WIDTH)
  if (figures === null) return null
  return `${paint('cyan', `messaging (${result.summary.messaging!.kind})`)}\n${pairTable(figures, paint)}`
}
