import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'
import {InputError} from '../errors.js'
import {checkWritable, writeFailureReason, writeFileAtomic} from '../report/write-file-atomic.js'
import type {Comparison} from './comparison.js'

/**
 * `--out DIR`: one result file per cell (`01-write-through-95-5-ttl-30s.json`), the whole
 * comparison (`comparison.json`) and the table with its verdict as printed (`comparison.txt`).
 * Returns the paths written.
 */
export async function writeComparison(dir: string, comparison: Comparison, report: string): Promise<string[]> {
  await prepareComparisonFolder(dir)
  const digits = String(comparison.results.length).length
  const written: string[] = []
  for (const result of comparison.results) {
    const number = String(result.cell.index + 1).padStart(Math.max(2, digits), '0')
    const path = join(dir, `${number}-${slug(result.cell.label)}.json`)
    await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`)
    written.push(path)
  }
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

/**
 * Makes the `--out` folder, or says in one sentence why it cannot be one: called before the
 * matrix runs too, so a path that names a file does not cost the comparison at its end.
 */
export async function prepareComparisonFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, {recursive: true})
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file of that name is in the way' : writeFailureReason(error)
    throw new InputError(`--out "${dir}" cannot be made a folder: ${reason}.`)
  }
  await checkWritable(join(dir, 'comparison.json'), '--out')
}

function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'cell'
}
