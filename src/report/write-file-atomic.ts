import {randomBytes} from 'node:crypto'
import {constants, readlinkSync, realpathSync} from 'node:fs'
import {access, open, rename, stat, unlink} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {InputError} from '../errors.js'

/**
 * Writes a file so that readers see either the old content or the new, never a partial file:
 * the content goes to a temporary file in the same directory (rename is only atomic within
 * one file system), is flushed to disk, then renamed over the target. On failure the temporary
 * file is removed and an existing target is left as it was. A path that is not a regular file
 * (a device, a pipe) is written through instead, as a shell's `>` would.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const destination = await destinationOf(path)
  if (destination === IN_PLACE) return writeInPlace(path, content)
  if (destination === DIRECTORY) throw new InputError(`cannot write "${path}": ${REASONS.EISDIR}.`)
  await replaceAtomically(destination, content, path)
}

/** Not a file that can be replaced: a device, a pipe or a socket (e.g. /dev/stdout), written through. */
const IN_PLACE = Symbol('in place')
/** A directory: nothing to write into or replace. */
const DIRECTORY = Symbol('directory')

/**
 * What a write to `path` replaces: the file itself (for a symbolic link, the file it leads to, so
 * the link stays a link), or nothing when `path` is not a regular file or names one of the
 * process's own streams (/dev/stdout, /dev/fd/1, /proc/self/fd/1). Renaming a temporary file
 * over a device would put a plain file in its place: `--out /dev/full` run as root did.
 */
async function destinationOf(path: string): Promise<string | typeof IN_PLACE | typeof DIRECTORY> {
  if (/^\/(dev|proc)\//.test(resolve(path))) return IN_PLACE
  const info = await stat(path).catch(() => undefined)
  if (info?.isDirectory()) return DIRECTORY
  if (info !== undefined && !info.isFile()) return IN_PLACE
  // A file, nothing there yet, or a link to a file not made yet: written where the links lead, the links kept.
  return followLinks(path)
}

/**
 * The file a write to `path` lands in: its symbolic links followed, even to a file that does not
 * exist yet (where realpath gives up), and its directory's. Two outputs of one command are the
 * same file when these agree (emit-reports.ts).
 */
export function followLinks(path: string): string {
  let current = resolve(path)
  // At most 40 links, as Linux follows (MAXSYMLINKS): a loop of links ends too.
  for (let hop = 0; hop < 40; hop++) {
    let link: string
    try {
      link = readlinkSync(current)
    } catch {
      break
    }
    current = resolve(dirname(current), link)
  }
  try {
    return join(realpathSync(dirname(current)), basename(current))
  } catch {
    return current
  }
}

async function writeInPlace(path: string, content: string | Uint8Array): Promise<void> {
  try {
    const handle = await open(path, 'w')
    try {
      await handle.writeFile(content)
    } finally {
      await handle.close()
    }
  } catch (error) {
    throw new InputError(`cannot write "${path}": ${writeFailureReason(error)}.`)
  }
}

/** Replaces the file at `path` (named `given` in an error: the path the user gave, maybe a link). */
async function replaceAtomically(path: string, content: string | Uint8Array, given: string): Promise<void> {
  const temporary = temporaryNextTo(path)
  let created = false
  try {
    const existingMode = await modeOf(path)
    const handle = await open(temporary, 'wx', existingMode ?? 0o666)
    created = true
    try {
      if (existingMode !== undefined) await handle.chmod(existingMode)
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
    created = false
  } catch (error) {
    if (created) await unlink(temporary).catch(() => undefined)
    throw new InputError(`cannot write "${given}": ${writeFailureReason(error)}.`)
  }
  await syncDirectory(dirname(path))
}

/**
 * Checks before a long run that `path` can be written, so a typo in a path or a read-only
 * directory does not lose the run: creates and removes an empty temporary file beside it.
 */
export async function checkWritable(path: string, flag: string): Promise<void> {
  const destination = await destinationOf(path)
  try {
    if (destination === DIRECTORY) throw Object.assign(new Error(REASONS.EISDIR), {code: 'EISDIR'})
    // A device or a pipe is written through, not replaced: only its own permission counts.
    if (destination === IN_PLACE) return await access(path, constants.W_OK)
    const temporary = temporaryNextTo(destination)
    await (await open(temporary, 'wx')).close()
    await unlink(temporary)
  } catch (error) {
    throw new InputError(`${flag} "${path}" cannot be written: ${writeFailureReason(error)}.`)
  }
}

function temporaryNextTo(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
}

/** Makes the rename itself durable; some platforms cannot open directories, and that is fine. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // The new content is already in place; only durability across a power cut is weaker.
  }
}

/** The permissions of a file being replaced, so replacing it does not change them. */
async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o777
  } catch {
    return undefined
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'the directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'an input/output error',
  EFBIG: 'the file is too large',
}

/** Why writing failed, in words: the error's code where it is a common one, else its message. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code && REASONS[code]) return REASONS[code]
  return error instanceof Error ? error.message : String(error)
}
