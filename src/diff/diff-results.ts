import {InputError} from '../errors.js'
import type {Result} from '../metrics/result.js'
import {parseChangeGate} from './change-gate.js'
import {mismatches} from './comparability.js'
import {DIFF_SCHEMA, type DiffReport, type DiffSide, type FigureChange} from './diff-report.js'
import {figuresOf, samplesOf} from './figures.js'
import {judgeGate, SIGNIFICANCE} from './judge-gate.js'
import {median} from './mann-whitney.js'

export interface DiffOptions {
  failOn: readonly string[]
  allowMismatch?: boolean
  files?: {base: string | null; next: string | null}
}

/** Fewer repetitions a side than this can never reach p < 0.05 in the exact two-sided test. */
const MIN_REPETITIONS = 4

/** Compares a new result with a baseline: every changed figure, and the `--fail-on` gates judged. */
export function diffResults(base: Result, next: Result, options: DiffOptions): DiffReport {
  const gates = options.failOn.map(parseChangeGate)
  const differences = mismatches(base, next)
  if (differences.length > 0 && !options.allowMismatch) {
    throw new InputError(`the results are not comparable: ${differences.join('; ')} (use --allow-mismatch to compare them anyway).`)
  }
  const [baseRuns, nextRuns] = [repetitionsOf(base), repetitionsOf(next)]
  const statistical = baseRuns > 1 && nextRuns > 1
  const notes: string[] = []
  if (differences.length > 0) notes.push(`Compared despite differences: ${differences.join('; ')}.`)
  if (statistical && Math.min(baseRuns, nextRuns) < MIN_REPETITIONS) {
    notes.push(`With fewer than ${MIN_REPETITIONS} repetitions a side no change can be significant; use --repeat ${MIN_REPETITIONS} or more.`)
  }
  if (!statistical && baseRuns + nextRuns > 2) {
    const [repeated, single, toRepeat] = baseRuns > 1 ? ['The baseline', 'the new result', 'the new run'] : ['The new result', 'the baseline', 'the baseline']
    notes.push(
      `${repeated} has ${Math.max(baseRuns, nextRuns)} runs and ${single} one: the gates compare a median with a single sample, without the test; repeat ${toRepeat} too (--repeat 5, or --repeat-into) for verdicts that know the noise.`,
    )
  } else if (!statistical && (base.clock === 'real' || next.clock === 'real')) {
    notes.push('One wall-clock run a side: the gates compare single noisy samples; run with --repeat 5 on both sides for verdicts that know the noise.')
  }
  const outcomes = gates.map((gate) => judgeGate(gate, samplesOf(base, gate.metric), samplesOf(next, gate.metric)))
  return {
    schema: DIFF_SCHEMA,
    base: side(base, options.files?.base ?? null),
    new: side(next, options.files?.next ?? null),
    mismatches: differences,
    mode: statistical ? 'statistical' : 'exact',
    significance: SIGNIFICANCE,
    changes: changedFigures(base, next),
    gates: outcomes,
    notes,
    pass: outcomes.every((gate) => gate.pass),
  }
}

/**
 * Differences this small are the clock's arithmetic, not a change: a fixed 200us cache latency is
 * measured as now − start on a clock that has run for minutes, 0.20000000000035895ms in one run
 * and 0.2000000000003609ms in the next, which no report can show apart ("+0us").
 */
const SAME_WITHIN = 1e-9

function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b
  return a === b || Math.abs(a - b) <= SAME_WITHIN * Math.max(Math.abs(a), Math.abs(b))
}

function changedFigures(base: Result, next: Result): FigureChange[] {
  const names = new Set([...Object.keys(figuresOf(base)), ...Object.keys(figuresOf(next))])
  const changes: FigureChange[] = []
  for (const metric of names) {
    const [a, b] = [samplesOf(base, metric), samplesOf(next, metric)]
    const before = a.length > 0 ? median(a) : null
    const after = b.length > 0 ? median(b) : null
    if (sameFigure(before, after)) continue
    changes.push({metric, base: before, actual: after, change: before === null || after === null ? null : after - before})
  }
  return changes
}

function repetitionsOf(result: Result): number {
  return result.repetitions?.length ?? 1
}

function side(result: Result, file: string | null): DiffSide {
  return {
    file,
    workload: result.workload.name,
    target: result.target.url,
    strategy: result.strategy.name,
    seed: result.seed,
    clock: result.clock,
    repetitions: repetitionsOf(result),
  }
}
