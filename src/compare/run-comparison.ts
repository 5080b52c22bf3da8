import {runWorkload} from '../runner/run-workload.js'
import type {TargetOptions} from '../targets/target-options.js'
import type {Workload} from '../workload/types.js'
import {cellWorkload} from './cell-workload.js'
import {bestCells, COLUMNS} from './columns.js'
import {cellSettings, COMPARISON_SCHEMA, type CellResult, type Comparison} from './comparison.js'
import {expandMatrix, type Cell, type MatrixFlags} from './matrix.js'
import {verdict} from './verdict.js'

export interface CompareOptions {
  /** Target URL for every cell; the builtin engine when absent. */
  target?: string
  targetOptions?: Partial<TargetOptions>
  /** Called as each cell starts, e.g. to show progress. */
  onCell?(cell: Cell, total: number): void
}

/** Runs every cell of the matrix in turn (each a full run) and compares them. */
export async function runComparison(base: Workload, flags: MatrixFlags, options: CompareOptions = {}): Promise<Comparison> {
  const cells = expandMatrix(flags)
  const results: CellResult[] = []
  for (const cell of cells) {
    options.onCell?.(cell, cells.length)
    const workload = cellWorkload(base, cell, describeFully)
    const result = await runWorkload(workload, {target: options.target, targetOptions: cellTargetOptions(options.targetOptions, cell)})
    results.push({...result, cell: cellSettings(cell)})
  }
  return {
    schema: COMPARISON_SCHEMA,
    workload: {name: base.name, file: base.file},
    originConcurrency: base.origin.concurrency,
    axes: {
      ...(flags.strategy === undefined ? {} : {strategy: unique(cells.map((cell) => cell.settings.strategy))}),
      ...(flags.mix === undefined ? {} : {mix: unique(cells.map((cell) => cell.settings.mix))}),
      ...(flags.ttl === undefined ? {} : {ttl: unique(cells.map((cell) => cell.settings.ttl))}),
    },
    results,
    best: Object.fromEntries(COLUMNS.map((column) => [column.id, bestCells(column, results)])),
    verdict: verdict(results, base.origin.concurrency),
  }
}

/** Every axis value, for the workload name in each result. */
function describeFully(cell: Cell): string {
  const {strategy, mix, ttl} = cell.settings
  return [strategy, mix === undefined ? undefined : `mix ${mix}`, ttl === undefined ? undefined : `ttl ${ttl}`]
    .filter((part) => part !== undefined)
    .join(' ')
}

/** Cells on a real server must not read each other's keys: a prefix given by the user gets the cell's number. */
function cellTargetOptions(options: Partial<TargetOptions> | undefined, cell: Cell): Partial<TargetOptions> | undefined {
  if (options?.keyPrefix === undefined) return options
  return {...options, keyPrefix: `${options.keyPrefix}c${cell.index + 1}:`}
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))]
}
