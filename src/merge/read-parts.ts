import {readFile} from 'node:fs/promises'
import {InputError} from '../errors.js'
import type {Result} from '../metrics/result.js'
import type {MergePart} from './merge-parts.js'

const MERGE_HINT = 'give result files written by "cache-bench run --shard i/n --out FILE"'

/** Reads result files (for merging, unless `hint` says otherwise); a file that is missing or not JSON is refused by name. */
export async function readResultFiles(files: readonly string[], hint = MERGE_HINT): Promise<MergePart[]> {
  return Promise.all(
    files.map(async (file) => {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
        throw new InputError(`cannot read ${file}: ${reason}.`)
      }
      try {
        return {result: JSON.parse(text) as Result, source: file}
      } catch {
        throw new InputError(`${file} is not JSON; ${hint}.`)
      }
    }),
  )
}
