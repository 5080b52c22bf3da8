import type {Result} from '../metrics/result.js'
import type {Cell} from './matrix.js'

export const COMPARISON_SCHEMA = 'cache-bench.comparison/v1'

/** A cell's result: the result (docs/contracts.md) plus the settings that made it. */
export type CellResult = Result & {cell: {index: number; label: string; strategy?: string; mix?: string; ttl?: string}}

/** Everything `compare` measured and concluded; `--json` prints it, `--out` writes it. */
export interface Comparison {
  schema: typeof COMPARISON_SCHEMA
  workload: {name: string; file: string | null}
  /** The origin's connection limit, against which saturation is judged. */
  originConcurrency: number
  axes: {strategy?: string[]; mix?: string[]; ttl?: string[]}
  results: CellResult[]
  /** Per column id, the indices of the best cells. */
  best: Record<string, number[]>
  verdict: string[]
}

export function cellSettings(cell: Cell): CellResult['cell'] {
  return {index: cell.index, label: cell.label, ...cell.settings}
}
