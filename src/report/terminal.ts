import type {Result} from '../metrics/result.js'
import {painter} from './colour.js'
import type {Renderer} from './renderer.js'
import {headerLines} from './terminal-header.js'
import {messagingTable} from './terminal-messaging.js'
import {phaseTable} from './terminal-phases.js'
import {latencyTable, summaryTable} from './terminal-tables.js'
import {gateLines} from './terminal-gates.js'
import {thresholdLines} from './terminal-thresholds.js'
import {timelineLines} from './terminal-timeline.js'

/** Below this, wrapping text is hopeless; an unusable width (0, NaN from a pipe) means the classic 80. */
const MIN_WIDTH = 40
const DEFAULT_WIDTH = 80

/** The human report: context header, latency table, summary table, threshold verdicts. */
export const terminalRenderer: Renderer<Result> = {
  name: 'terminal',
  render(result: Result, options) {
    const width = Number.isFinite(options.width) && options.width >= MIN_WIDTH ? Math.floor(options.width) : DEFAULT_WIDTH
    const paint = painter(options.colour)
    const sections: string[][] = [headerLines(result, width, paint)]
    const latencies = latencyTable(result, paint)
    sections.push([latencies ?? 'no latencies measured'])
    sections.push([messagingTable(result, paint) ?? summaryTable(result, paint)])
    const phases = phaseTable(result, paint)
    if (phases) sections.push([phases])
    const timeline = timelineLines(result, width, paint)
    if (timeline.length > 0) sections.push(timeline)
    const thresholds = thresholdLines(result.thresholds, width, paint)
    if (thresholds.length > 0) sections.push(thresholds)
    const gates = gateLines(result.gates ?? [], width, paint)
    if (gates.length > 0) sections.push(gates)
    return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`
  },
}
