import path from 'node:path'
import type {Result} from '../metrics/result.js'
import {formatDuration} from '../workload/units.js'
import type {Painter} from './colour.js'
import {formatCount, formatPercent} from './format.js'
import {printable} from './printable.js'
import {wrapText} from './wrap.js'

const LABEL_WIDTH = 13

/** What ran, against what, and how: the context needed to read every figure below it. */
export function headerLines(result: Result, width: number, paint: Painter): string[] {
  const entries: [string, string][] = [
    ['workload', printable(result.workload.file ? `${result.workload.name} (${displayPath(result.workload.file)})` : result.workload.name)],
  ]
  if (result.workload.description) entries.push(['', printable(result.workload.description)])
  if (result.trace) entries.push(['trace', describeTrace(result.trace, result.load)])
  entries.push(
    ['target', result.target.url],
  )
  if (result.target.keyPrefix !== undefined) entries.push(['keys', describeKeys(result.target)])
  entries.push(
    ['strategy', describeStrategy(result.strategy)],
    ['seed', String(result.seed)],
    ['clock', describeClock(result.clock)],
    ['operations', describeOperations(result)],
    ['duration', describeDuration(result)],
    describeLoad(result),
  )
  entries.push(...describeParts(result))
  const repetitions = result.repetitions ?? []
  if (repetitions.length > 1) entries.push(['repeated', describeRepetitions(repetitions)])
  const lines: string[] = []
  for (const [label, value] of entries) {
    const wrapped = wrapText(value, width, LABEL_WIDTH, label.padEnd(LABEL_WIDTH))
    // Colour after wrapping: the codes must not count towards the width.
    if (label !== '') wrapped[0] = paint('bold', label) + wrapped[0].slice(label.length)
    lines.push(...wrapped)
  }
  const warnings = [...(result.warnings ?? [])]
  if (!result.complete) warnings.unshift('the run did not complete; figures cover only the operations measured before it stopped.')
  for (const warning of warnings) {
    const wrapped = wrapText(warning, width, 9, 'WARNING  ')
    lines.push(...wrapped.map((line) => paint('yellow', line)))
  }
  return lines
}

/** How the run was split: worker threads, the shard this result is, or the shards merged into it. */
function describeParts(result: Result): [string, string][] {
  const parts: [string, string][] = []
  const engines = result.clock === 'virtual' ? ', each with an engine holding its share of the cache' : ''
  if (result.workers !== undefined && result.workers > 1) parts.push(['workers', `${result.workers} threads sharing the load${engines}`])
  if (result.shard) parts.push(['shard', `${result.shard.index} of ${result.shard.count}: this part's figures only; merge every shard's result for the whole run`])
  if (result.shards) {
    const {count, merged} = result.shards
    parts.push(['shards', merged.length === count ? `all ${count} merged` : `${merged.length} of ${count} merged (${merged.join(', ')})`])
  }
  return parts
}

function describeStrategy(strategy: Result['strategy']): string {
  if (strategy.name === 'none') return 'none (every operation goes to the origin)'
  const parts = [strategy.name]
  if (strategy.ttlMs === null) parts.push('no TTL')
  else {
    const jitter = strategy.ttlJitter > 0 ? ` (jitter ${formatPercent(strategy.ttlJitter)})` : ''
    parts.push(`TTL ${formatDuration(strategy.ttlMs)}${jitter}`)
  }
  if (strategy.invalidateOnWrite) parts.push('invalidate on write')
  return parts.join(', ')
}

function describeClock(clock: Result['clock']): string {
  return clock === 'virtual'
    ? "simulated time; latencies come from the workload's latency models"
    : 'wall clock; latencies measured against the target'
}

function describeOperations(result: Result): string {
  const {operations, reads, writes, deletes, messaging} = result.summary
  if (messaging) {
    const warmupMessages = result.load.warmupOperations > 0 ? `, after ${formatCount(result.load.warmupOperations)} warm-up` : ''
    return `${formatCount(operations)} messages published and measured${warmupMessages}`
  }
  const structureOperations = operations - reads - writes - deletes
  const structures = structureOperations > 0 ? `, ${formatCount(structureOperations)} on data structures` : ''
  const mix = `${formatCount(reads)} reads, ${formatCount(writes)} writes, ${formatCount(deletes)} deletes${structures}`
  const warmup = result.load.warmupOperations > 0 ? `, after ${formatCount(result.load.warmupOperations)} warm-up` : ''
  return `${formatCount(operations)} measured (${mix})${warmup}`
}

/**
 * An open loop is defined by its intended rate (or a trace's timestamps); its concurrency is
 * whatever the latencies make it, so the closed loop's setting would say nothing about it.
 */
function describeLoad(result: Result): [string, string] {
  const load = result.load
  if (load.mode !== 'open') return ['concurrency', String(load.concurrency)]
  // A trace's pace (and its speed) is on the trace line above.
  const pace = load.rate !== null ? `${formatCount(load.rate)}/s intended` : "the trace's times"
  return ['load', `open loop at ${pace}; latency from each intended start`]
}

function describeDuration(result: Result): string {
  const measured = formatDuration(result.durationMs)
  const wall = formatDuration(result.wallMs)
  return result.clock === 'virtual'
    ? `${measured} simulated (whole run took ${wall})`
    : `${measured} (whole run with warm-up took ${wall}${result.setupMs === undefined ? '' : `, of which set-up ${formatDuration(result.setupMs)}`})`
}

/**
 * `--repeat N`: the document's figures are its first run's, and every run's are in `repetitions`;
 * the range of two headline figures across them says how much the runs moved.
 */
function describeRepetitions(repetitions: NonNullable<Result['repetitions']>): string {
  const spans: Array<{label: string; low: number; high: number; format: (value: number) => string}> = []
  for (const [name, label, format] of [
    ['throughput', 'throughput', (value: number) => `${formatCount(value)}/s`],
    ['read.p99', 'read p99', formatDuration],
  ] as const) {
    const values = repetitions.map((figures) => figures[name]).filter((value) => value !== undefined)
    if (values.length === repetitions.length) spans.push({label, low: Math.min(...values), high: Math.max(...values), format})
  }
  const runs = `${repetitions.length} runs`
  if (spans.every((span) => span.low === span.high)) return `${runs}, with the same figures`
  return `${runs}; the figures below are the first's; across the runs ${spans.map((span) => `${span.label} ${span.format(span.low)} to ${span.format(span.high)}`).join(', ')}`
}

/** Paths under the working directory are shown relative to it: shorter, and what the user typed. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
}

/** Where the run's keys lived on a real server, and whether they were cleaned up. */
function describeKeys(target: Result['target']): string {
  const deleted = target.keysDeleted ?? 0
  const where = target.keyPrefixes === undefined ? target.keyPrefix : target.keyPrefixes.join(', ')
  return deleted > 0 ? `under ${where}, ${formatCount(deleted)} deleted at the end` : `under ${where}`
}

function describeTrace(trace: NonNullable<Result['trace']>, load: Result['load']): string {
  // A rate (load.rate, --rate) sets the arrivals itself: the trace then gives keys, sizes and operations only.
  const pace =
    load.mode === 'open' && load.rate !== null
      ? "at the load's rate, not the trace's times"
      : trace.speed === 'max'
        ? 'back to back'
        : trace.speed === 1
          ? "at the trace's own pace"
          : `${trace.speed}× the trace's pace`
  return `${displayPath(trace.file)} (${trace.format}): ${formatCount(trace.requests)} requests over ${formatCount(trace.distinctKeys)} keys, ${pace}`
}
