import * as fs from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {InputError} from '../../src/errors.js'
import {writeFileAtomic} from '../../src/report/write-file-atomic.js'

// Failures in the middle of a write (disk full, I/O error) cannot be provoked on a healthy disk,
// so the file-system calls are wrapped and made to fail on demand.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {...actual, open: vi.fn(actual.open), rename: vi.fn(actual.rename)}
})

const realOpen = (await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises')).open

let directory: string
let path: string

beforeEach(async () => {
  directory = await fs.mkdtemp(join(tmpdir(), 'cache-bench-atomic-'))
  path = join(directory, 'result.json')
  await fs.writeFile(path, 'previous result')
})

afterEach(async () => {
  vi.mocked(fs.open).mockReset().mockImplementation(realOpen)
  await fs.rm(directory, {recursive: true, force: true})
})

function ioError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), {code})
}

describe('writeFileAtomic on failure', () => {
  it('keeps the old file and removes the partial temporary file when writing fails', async () => {
    vi.mocked(fs.open).mockImplementationOnce(async (...args: Parameters<typeof fs.open>) => {
      const handle = await realOpen(...args)
      // Half the content reaches the disk, then the disk is full.
      handle.writeFile = async (data) => {
        await handle.write(String(data).slice(0, 5))
        throw ioError('ENOSPC')
      }
      return handle
    })
    const failure = writeFileAtomic(path, 'new result that does not fit')
    await expect(failure).rejects.toBeInstanceOf(InputError)
    await expect(failure).rejects.toThrow(`cannot write "${path}": no space left on the device.`)
    expect(await fs.readFile(path, 'utf8')).toBe('previous result')
    expect(await fs.readdir(directory)).toEqual(['result.json'])
  })

  it('keeps the old file and removes the temporary file when the rename fails', async () => {
    vi.mocked(fs.rename).mockRejectedValueOnce(ioError('EIO'))
    await expect(writeFileAtomic(path, 'new result')).rejects.toThrow(`cannot write "${path}": an input/output error.`)
    expect(await fs.readFile(path, 'utf8')).toBe('previous result')
    expect(await fs.readdir(directory)).toEqual(['result.json'])
  })
})
