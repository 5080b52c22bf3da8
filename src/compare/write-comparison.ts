import {mkdir, stat} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {asSentence, InputError} from '../errors.js'
import {checkWritable, writeFailureReason, writeFileAtomic} from '../report/write-file-atomic.js'
import type {CellResult, Comparison} from './comparison.js'

/**
 * `--out DIR`: one result file per cell (`01-write-through-95-5-ttl-30s.json`), the whole
 * comparison (`comparison.json`) and the table with its verdict as printed (`comparison.txt`).
 * Returns the paths written.
 */
export async function writeComparison(dir: string, comparison: Comparison, report: string): Promise<string[]> {
  await prepareComparisonFolder(dir)
  const written: string[] = []
  for (const result of comparison.results) written.push(await writeCellResult(dir, result, comparison.results.length))
  for (const [name, content] of [
    ['comparison.json', `${JSON.stringify(comparison, null, 2)}\n`],
    ['comparison.txt', report],
  ] as const) {
    const path = join(dir, name)
    await writeFileAtomic(path, content)
    written.push(path)
  }
  return written
}

/** One cell's result file, `NN-<cell>.json`, numbered to sort in the matrix's order among `total` cells. */
export async function writeCellResult(dir: string, result: CellResult, total: number): Promise<string> {
  const number = String(result.cell.index + 1).padStart(Math.max(2, String(total).length), '0')
  const path = join(dir, `${number}-${slug(result.cell.label)}.json`)
  await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`)
  return path
}

/**
 * A comparison that failed after some cells were written: its error says where they are, since
 * a failure (a server lost) usually costs only the cells from there on.
 */
export function withCellsKept(error: unknown, dir: string, written: number): unknown {
  if (written === 0 || !(error instanceof Error)) return error
  error.message = `${asSentence(error.message)} The ${written === 1 ? 'cell' : `${written} cells`} finished before it ${written === 1 ? 'is' : 'are'} in ${dir}.`
  return error
}

/**
 * Makes the `--out` folder, or says in one sentence why it cannot be one: called before the
 * matrix runs too, so a path that names a file does not cost the comparison at its end.
 */
export async function prepareComparisonFolder(dir: string): Promise<void> {
  try {
    await makeFolders(dir)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file of that name is in the way' : writeFailureReason(error)
    throw new InputError(`--out "${dir}" cannot be made a folder: ${reason}.`)
  }
  await checkWritable(join(dir, 'comparison.json'), '--out')
}

/**
 * `mkdir -p`, a folder at a time. Node's own recursive mkdir never returns where the folder
 * cannot be made below an existing one that refuses it (under /proc it retries at 100% CPU), so
 * the missing folders are found first, from the path up to the first that exists, and each made
 * once: an error then ends it.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = []
  for (let path = resolve(dir); ; path = dirname(path)) {
    const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
      return undefined
    })
    if (found !== undefined) {
      if (!found.isDirectory()) throw Object.assign(new Error(`${path} is not a folder`), {code: path === resolve(dir) ? 'EEXIST' : 'ENOTDIR'})
      break
    }
    missing.push(path)
    if (dirname(path) === path) break
  }
  for (const path of missing.reverse()) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    })
  }
}

function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'cell'
}
