import type {PhaseResult, Result} from '../metrics/result.js'
import {formatDuration} from '../workload/units.js'
import type {Painter} from './colour.js'
import {formatPercent, formatRate} from './format.js'
import {plainTable} from './plain-table.js'
import {truncate} from './wrap.js'

/*
 * At most 80 columns: column maxima (the wider of head and cells) 18 + 9 + 9 + 11 + 6 + 6 = 59,
 * plus one space of padding each side of six cells (12) and seven borders: 78.
 */
const NAME_WIDTH = 18
const RATE_WIDTH = 9
/** `formatPercent` prints at most `99.99%`-like text, 7 characters with the rarest extra digits. */
const PERCENT_WIDTH = 7
const DURATION_WIDTH = 6

const HEADS = ['phase', 'ops/s', 'hit ratio', 'stale ratio', 'rd p50', 'rd p99']

/** One row per phase of a phased run, so a surge or a hot-key shift can be read against the steady parts. */
export function phaseTable(result: Result, paint: Painter): string | null {
  const phases = result.phases
  if (!phases || phases.length === 0) return null
  const table = plainTable({
    head: HEADS.map((head) => paint('cyan', head)),
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
  })
  table.push(...phases.map(phaseRow))
  return `${paint('bold', `phases: ${phases.length}`)}\n${table.toString()}`
}

function phaseRow(phase: PhaseResult): string[] {
  const {summary} = phase
  const read = phase.latencyMs.read
  const measured = summary.operations > 0
  return [
    truncate(phase.name, NAME_WIDTH),
    truncate(measured ? formatRate(summary.throughput, RATE_WIDTH) : '-', RATE_WIDTH),
    truncate(summary.reads > 0 ? formatPercent(summary.hitRatio) : '-', PERCENT_WIDTH),
    truncate(summary.reads > 0 ? formatPercent(summary.staleRatio) : '-', PERCENT_WIDTH),
    truncate(read ? formatDuration(read.p50) : '-', DURATION_WIDTH),
    truncate(read ? formatDuration(read.p99) : '-', DURATION_WIDTH),
  ]
}
