import {execa} from 'execa'
import {chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {checkWritable, writeFileAtomic} from '../../src/report/write-file-atomic.js'

let directory: string

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cache-bench-atomic-'))
})

afterEach(async () => {
  await rm(directory, {recursive: true, force: true})
})

describe('writeFileAtomic', () => {
  it('creates the file and leaves no temporary file behind', async () => {
    const path = join(directory, 'result.json')
    await writeFileAtomic(path, '{"a":1}\n')
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n')
    expect(await readdir(directory)).toEqual(['result.json'])
  })

  it('replaces an existing file, keeping its permissions', async () => {
    const path = join(directory, 'report.txt')
    await writeFile(path, 'old')
    await chmod(path, 0o640)
    await writeFileAtomic(path, new TextEncoder().encode('new'))
    expect(await readFile(path, 'utf8')).toBe('new')
    expect((await stat(path)).mode & 0o777).toBe(0o640)
    expect(await readdir(directory)).toEqual(['report.txt'])
  })

  it('names the path when the directory does not exist', async () => {
    const path = join(directory, 'missing', 'result.json')
    const failure = writeFileAtomic(path, 'x')
    await expect(failure).rejects.toBeInstanceOf(InputError)
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(`cannot write "${path}": the directory does not exist.`)
  })

  it('leaves what is at the path untouched when the final rename fails', async () => {
    // A non-empty directory cannot be replaced by a file, so the rename step fails.
    const path = join(directory, 'occupied')
    await mkdir(path)
    await writeFile(join(path, 'keep.txt'), 'kept')
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(`cannot write "${path}"`)
    expect(await readdir(directory)).toEqual(['occupied'])
    expect(await readFile(join(path, 'keep.txt'), 'utf8')).toBe('kept')
  })

  it('writes through a symbolic link to the file it leads to, and the link stays a link', async () => {
    const real = join(directory, 'real.json')
    const link = join(directory, 'link.json')
    await writeFile(real, 'old')
    await symlink('real.json', link)
    await writeFileAtomic(link, 'new')
    // Renamed over the link's own path, the new file would have taken the link's place.
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readlink(link)).toBe('real.json')
    expect(await readFile(real, 'utf8')).toBe('new')
    expect((await readdir(directory)).sort()).toEqual(['link.json', 'real.json'])
  })

  it('writes into a named pipe instead of putting a file in its place', async () => {
    const pipe = join(directory, 'pipe')
    await execa('mkfifo', [pipe])
    // A reader of its own process, so that a pipe left unopened (the reader then waits for ever)
    // fails this test at the timeout instead of holding a thread of the test's process.
    const reader = execa('cat', [pipe], {reject: false, timeout: 30_000})
    await checkWritable(pipe, '--out')
    await writeFileAtomic(pipe, '{"through":"the pipe"}\n')
    const received = await reader
    expect(received.exitCode).toBe(0)
    expect(String(received.stdout)).toBe('{"through":"the pipe"}')
    expect((await lstat(pipe)).isFIFO()).toBe(true)
    expect(await readdir(directory)).toEqual(['pipe'])
  })
})
