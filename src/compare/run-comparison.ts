import {availableParallelism} from 'node:os'
import {InputError, TargetError} from '../errors.js'
import {DEFAULT_MAX_ERROR_RATIO, withErrorLimit} from '../metrics/error-limit.js'
import {MAX_TIMELINE_INTERVALS} from '../metrics/timeline.js'
import type {Result} from '../metrics/result.js'
import {KeyTapes} from '../generators/key-tape.js'
import {runWorkload} from '../runner/run-workload.js'
import {checkMemoryFor} from '../runner/memory-check.js'
import {checkWorkloadOnTarget} from '../runner/run-parts.js'
import {runOnThreads} from '../runner/workers/thread-pool.js'
import type {TargetOptions} from '../targets/target-options.js'
import {isBuiltinTarget} from '../targets/target-registry.js'
import {mixesOf, structureOperationsOf, type Workload} from '../workload/types.js'
import {cellWorkload} from './cell-workload.js'
import {bestCells, COLUMNS} from './columns.js'
import {cellSettings, COMPARISON_SCHEMA, type CellResult, type Comparison} from './comparison.js'
import {expandMatrix, MAX_CELLS, type Cell, type MatrixFlags} from './matrix.js'
import {verdict} from './verdict.js'

export interface CompareOptions {
  /** Target URL for every cell; the builtin engine when absent. */
  target?: string
  targetOptions?: Partial<TargetOptions>
  /** Worker threads for cells on the built-in engine; one per core when absent. */
  threads?: number
  /** Called as each cell starts, e.g. to show progress. */
  onCell?(cell: Cell, total: number): void
  /**
   * Called with each cell's result as soon as it is known, for cells run in turn (on a server),
   * so that a comparison that fails later (its server lost) still leaves the cells it finished.
   */
  onCellResult?(result: CellResult, total: number): Promise<void>
  /** Share of a cell's cache commands that may fail (`--max-error-ratio`); a cell above it is left out of the verdict and the best marks. */
  maxErrorRatio?: number
  /**
   * Aborting stops the comparison: the cell under way ends as an aborted run does (its keys on a
   * server deleted), no further cell starts, and the comparison fails with a TargetError (exit 3).
   */
  signal?: AbortSignal
}

/**
 * Timeline intervals all cells keep together: each cell keeps its share (but at least
 * MIN_CELL_INTERVALS, at most a run's own limit), so the whole comparison stays a document that
 * can be written (about 400 bytes an interval as JSON) however many cells and however long each.
 */
const COMPARISON_TIMELINE_INTERVALS = 200_000
const MIN_CELL_INTERVALS = COMPARISON_TIMELINE_INTERVALS / MAX_CELLS

/** What the comparison's worker threads are given: every cell's workload, and the built-in target's settings. */
export interface CellRuns {
  workloads: Workload[]
  target?: string
  targetOptions?: Partial<TargetOptions>
  maxTimelineIntervals: number
}

/** Each cell's share of the comparison's timeline intervals. */
export function cellTimelineIntervals(cells: number): number {
  return Math.min(MAX_TIMELINE_INTERVALS, Math.max(MIN_CELL_INTERVALS, Math.floor(COMPARISON_TIMELINE_INTERVALS / cells)))
}

/**
 * Why every cell of this comparison would be the same run, or null: the matrix varies the cache
 * strategy, its TTL and the read/write mix, which a messaging workload has none of, and which
 * change nothing in a mix of data-structure operations alone (they go to the cache's structures
 * whatever the strategy) unless the mix itself is varied.
 */
export function comparisonRefusal(base: Workload, flags: MatrixFlags): string | null {
  if (base.messaging) return `${base.name} is a messaging workload: compare varies the cache strategy, its TTL and the mix, which it has none of; run it, or diff two runs of it.`
  if (base.trace || flags.mix !== undefined) return null
  const mixes = mixesOf(base)
  if (mixes.some((mix) => mix.read > 0 || mix.write > 0 || mix.delete > 0)) return null
  const structures = [...new Set(mixes.flatMap(structureOperationsOf))]
  return `${base.name}'s mix has only data-structure operations (${structures.join(', ')}), which no strategy or TTL changes: every cell would be the same run.`
}

async function checkCellOnTarget(label: string, workload: Workload, target: string | undefined): Promise<void> {
  try {
    await checkWorkloadOnTarget(workload, target)
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`compare cell "${label}": ${error.message}`)
    throw error
  }
}

/**
 * Runs every cell of the matrix (each a full run) and compares them. Cells on the built-in
 * engine are independent simulations, so they run side by side on worker threads; cells on a
 * server run in turn, as two at once would share the server and disturb each other's latency.
 */
export async function runComparison(base: Workload, flags: MatrixFlags, options: CompareOptions = {}): Promise<Comparison> {
  const refusal = comparisonRefusal(base, flags)
  if (refusal !== null) throw new InputError(refusal)
  const cells = expandMatrix(flags)
  const workloads = cells.map((cell) => cellWorkload(base, cell, describeFully))
  // Every cell is checked against the target before the first runs: a later cell the target
  // cannot carry out (a +lease on a server) must not be found after real traffic was sent.
  for (const cell of cells) await checkCellOnTarget(cell.label, workloads[cell.index], options.target)
  const builtin = isBuiltinTarget(options.target)
  // A simulation is deterministic: cells that would run the same workload run it once. On a server each is its own measurement.
  const {runOf, firstCell} = groupRuns(workloads, builtin)
  const threads = Math.min(options.threads ?? availableParallelism(), firstCell.length)
  const maxTimelineIntervals = cellTimelineIntervals(cells.length)
  const maxErrorRatio = options.maxErrorRatio ?? DEFAULT_MAX_ERROR_RATIO
  const onThreads = threads > 1 && builtin && base.trace === undefined
  if (onThreads) checkMemoryFor(base, threads, 'threads')
  // Progress names every cell, in order, as the run that gives its figures starts.
  const announce = inOrder(cells.length, (index) => options.onCell?.(cells[index], cells.length))
  const started = (run: number): void => {
    for (const cell of cells) if (runOf[cell.index] === run) announce(cell.index)
  }
  const judged = (run: Result): Result => withErrorLimit(run, maxErrorRatio)
  const runs: Result[] = onThreads
    ? (await runOnThreads<CellRuns, Result>({
        here: import.meta.url,
        entry: './cell-worker',
        data: {workloads: firstCell.map((index) => workloads[index]), target: options.target, targetOptions: options.targetOptions, maxTimelineIntervals},
        tasks: firstCell.length,
        threads,
        onStarted: started,
      })).map(judged)
    : []
  if (!onThreads) {
    // The cells draw the same keys: drawn once (a server's cells too, though their time goes to the server).
    const keyTapes = new KeyTapes()
    for (const [run, index] of firstCell.entries()) {
      started(run)
      const cellRun = await runWorkload(workloads[index], {target: options.target, targetOptions: cellTargetOptions(options.targetOptions, cells[index]), signal: options.signal, maxTimelineIntervals, keyTapes})
      runs.push(judged(cellRun))
      if (options.signal?.aborted) throw stoppedDuring(index, cells.length)
      for (const cell of cells) if (runOf[cell.index] === run) await options.onCellResult?.(cellResult(cell, runs[run], workloads[cell.index]), cells.length)
    }
  }
  const results: CellResult[] = cells.map((cell) => {
    const run = runOf[cell.index]
    // A copy for each further cell of a run, so no two cells share a part a reader might change.
    return cellResult(cell, firstCell[run] === cell.index ? runs[run] : structuredClone(runs[run]), workloads[cell.index])
  })
  // A cell whose cache failed too often measured the failures, not its settings: it wins nothing.
  const sound = results.filter((result) => !result.errorLimit?.exceeded)
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
    best: Object.fromEntries(COLUMNS.map((column) => [column.id, bestCells(column, sound).map((position) => results.indexOf(sound[position]))])),
    verdict: verdict(sound, base.origin.concurrency),
  }
}

function cellResult(cell: Cell, result: Result, workload: Workload): CellResult {
  return {...result, workload: {...result.workload, name: workload.name}, cell: cellSettings(cell)}
}

/** The comparison was stopped while cell `index` (from 0) ran: the cells before it are all it has. */
function stoppedDuring(index: number, total: number): TargetError {
  return new TargetError(`The comparison was stopped during cell ${index + 1} of ${total}; that cell's run ended early and cleaned up after itself, and no comparison was made.`)
}

/**
 * The runs the cells need: `runOf[cell]` is the run giving the cell its figures, `firstCell[run]`
 * the cell whose workload it runs. Cells differ from the file only in their name, mix and strategy
 * (cellWorkload), so those say whether two are one run; without `share`, each cell is a run.
 */
function groupRuns(workloads: Workload[], share: boolean): {runOf: number[]; firstCell: number[]} {
  const runByKey = new Map<string, number>()
  const firstCell: number[] = []
  const runOf = workloads.map((workload, index) => {
    const key = share ? JSON.stringify([workload.mix, workload.strategy]) : String(index)
    let run = runByKey.get(key)
    if (run === undefined) {
      run = firstCell.push(index) - 1
      runByKey.set(key, run)
    }
    return run
  })
  return {runOf, firstCell}
}

/** Hands on task starts in task order, each once every earlier task has started too: progress counts up. */
function inOrder(tasks: number, announce: (index: number) => void): (index: number) => void {
  const started = new Uint8Array(tasks)
  let next = 0
  return (index) => {
    started[index] = 1
    while (next < tasks && started[next] === 1) announce(next++)
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
