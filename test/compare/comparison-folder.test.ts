import {existsSync, mkdtempSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {prepareComparisonFolder} from '../../src/compare/write-comparison.js'

describe('compare --out folder', () => {
  it('makes every missing folder of the path', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cb-folder-')), 'a', 'b', 'c')
    await prepareComparisonFolder(dir)
    expect(statSync(dir).isDirectory()).toBe(true)
    // Again on a folder that exists: nothing to do, no error.
    await prepareComparisonFolder(dir)
  })

  it('refuses in one sentence, and at once, a folder the system will not make (under /proc)', async () => {
    // Node's recursive mkdir retried this forever at 100% CPU; the test's own timeout would catch a return to it.
    const refused = prepareComparisonFolder('/proc/cb-no-such/out')
    await expect(refused).rejects.toThrow(InputError)
    await expect(refused).rejects.toThrow('--out "/proc/cb-no-such/out" cannot be made a folder: the directory does not exist.')
  }, 10_000)

  it('names a file in the way, as the folder itself or as a folder on its path', async () => {
    const base = mkdtempSync(join(tmpdir(), 'cb-folder-'))
    const file = join(base, 'taken')
    writeFileSync(file, 'kept')
    await expect(prepareComparisonFolder(file)).rejects.toThrow(`--out "${file}" cannot be made a folder: a file of that name is in the way.`)
    await expect(prepareComparisonFolder(join(file, 'below'))).rejects.toThrow(`--out "${join(file, 'below')}" cannot be made a folder: a part of the path is not a directory.`)
    expect(existsSync(join(file, 'below'))).toBe(false)
  })
})
