import {closeSync, openSync, readSync} from 'node:fs'
import {InputError, unreadableFile} from './errors.js'

/**
 * Workload files, result files and catalogs are kilobytes to a few megabytes (a result's
 * timeline is at most 10,000 intervals): past this, the path names something else — a device
 * such as /dev/zero, a log, a trace — and reading on would only fill memory.
 */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024

const CHUNK_BYTES = 1024 * 1024

/**
 * The file's text, read at most `maxBytes` far: a longer file is refused (InputError) with one
 * sentence calling it `what`. Errors of the file system (ENOENT, EISDIR…) are thrown as they are,
 * for the caller to word.
 */
export function readTextFile(file: string, what: string, maxBytes = MAX_TEXT_FILE_BYTES): string {
  const fd = openSync(file, 'r')
  try {
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null)
      if (read === 0) break
      total += read
      if (total > maxBytes) {
        throw new InputError(`${what} "${file}" is larger than ${maxBytes / 1024 / 1024} MiB, far more than a ${what} holds: is it the right file?`)
      }
      chunks.push(read === CHUNK_BYTES ? chunk : chunk.subarray(0, read))
    }
    return Buffer.concat(chunks, total).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/** readTextFile, with the file system's errors worded too: `workload file "x.yaml" does not exist.` */
export function readNamedTextFile(file: string, what: string): string {
  try {
    return readTextFile(file, what)
  } catch (error) {
    if (error instanceof InputError) throw error
    throw unreadableFile(what, file, error)
  }
}
