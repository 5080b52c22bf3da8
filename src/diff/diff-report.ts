import type {GateOutcome, Result} from '../metrics/result.js'

export const DIFF_SCHEMA = 'cache-bench.diff/v1'

/** What identifies one side of a diff. */
export interface DiffSide {
  file: string | null
  workload: string
  target: string
  strategy: string
  seed: number
  clock: Result['clock']
  /** Runs behind its figures: `run --repeat N` gives N. */
  repetitions: number
}

/** One figure that differs; medians when both sides were repeated. */
export interface FigureChange {
  metric: string
  base: number | null
  actual: number | null
  /** actual − base in the metric's unit; null when one side did not measure it. */
  change: number | null
}

/** The document `cache-bench diff` prints and renders. */
export interface DiffReport {
  schema: typeof DIFF_SCHEMA
  base: DiffSide
  new: DiffSide
  /** Why the results are not comparable; non-empty only with `--allow-mismatch`. */
  mismatches: string[]
  /** `exact`: one sample a side; `statistical`: repetitions on both sides, judged with Mann-Whitney U. */
  mode: 'exact' | 'statistical'
  significance: number
  changes: FigureChange[]
  gates: GateOutcome[]
  notes: string[]
  pass: boolean
}
