import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Result} from '../../src/metrics/result.js'
import {cli} from '../helpers/cli.js'

const ESC = '\u001B'
const RLO = '\u202E'

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cb-printable-')), name)
  writeFileSync(path, text)
  return path
}

describe('text from a workload file on the terminal', () => {
  it('shows control characters and bidi overrides in names and descriptions as escapes; the JSON keeps them', async () => {
    // JSON strings in YAML: \e is ESC, \u202E the right-to-left override.
    const path = file('evil.yaml', 'version: 1\nname: "clear\\e[2Jname"\ndescription: "safe \\u202Etxt.exe"\nload: {operations: 2000}\n')
    const run = await cli(['run', path])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).not.toContain(ESC)
    expect(run.stdout).not.toContain(RLO)
    expect(run.stdout).toContain('clear\\x1b[2Jname')
    expect(run.stdout).toContain('safe \\u202etxt.exe')

    const json = await cli(['run', path, '--json'])
    const result = JSON.parse(json.stdout) as Result
    expect(result.workload.name).toBe(`clear${ESC}[2Jname`)
  })
})
