import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {loadWorkload, parseWorkload} from '../../src/workload/load-workload.js'

function problem(text: string, file: string): string {
  try {
    parseWorkload(text, file)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('accepted')
}

describe('YAML and JSON', () => {
  const yaml = `version: 1
keyspace: {count: 500, distribution: uniform}
strategy: {name: write-through, ttl: 30s}
load: {operations: 2000, warmup: 100}
`
  const json = JSON.stringify({
    version: 1,
    keyspace: {count: 500, distribution: 'uniform'},
    strategy: {name: 'write-through', ttl: '30s'},
    load: {operations: 2000, warmup: 100},
  })

  it('give the same workload for the same content', () => {
    const fromYaml = parseWorkload(yaml, 'same.yaml')
    const fromJson = parseWorkload(json, 'same.json')
    expect(fromJson).toEqual({...fromYaml, file: 'same.json'})
    expect(fromYaml.strategy.ttlMs).toBe(30_000)
  })

  it('load from disk, with the name taken from the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-bench-workload-'))
    writeFileSync(join(dir, 'orders.yml'), yaml)
    writeFileSync(join(dir, 'orders.json'), `\uFEFF${json}`)
    const fromYaml = loadWorkload(join(dir, 'orders.yml'))
    const fromJson = loadWorkload(join(dir, 'orders.json'))
    expect([fromYaml.name, fromJson.name]).toEqual(['orders', 'orders'])
    expect(fromYaml.file).toBe(join(dir, 'orders.yml'))
    expect(fromJson.keyspace.count).toBe(500)
  })
})

describe('syntax errors', () => {
  it('name the file, line and column of a YAML error, on one line', () => {
    // Line 3 opens a flow sequence that never closes; the parser notices at the next line's key.
    const message = problem('version: 1\nkeyspace:\n  count: [1\n  theta: 0.5\n', 'workloads/x.yaml')
    expect(message).toMatch(/^workloads\/x\.yaml:\d+:\d+: \S/)
    expect(message.split('\n')).toHaveLength(1)
    const [, line] = /^workloads\/x\.yaml:(\d+):/.exec(message) ?? []
    expect(Number(line)).toBeGreaterThanOrEqual(3)
  })

  it('point at the repeated key of a duplicate mapping key', () => {
    expect(problem('version: 1\nseed: 1\nseed: 2\n', 'x.yaml')).toMatch(/^x\.yaml:3:1: Map keys must be unique$/)
  })

  it('point at a bad indentation', () => {
    expect(problem('version: 1\nkeyspace:\n  count: 5\n   theta: 0.5\n', 'x.yaml')).toMatch(/^x\.yaml:3:\d+: /)
  })

  it('name the line and column of a JSON error', () => {
    // The stray `x` is the first character of line 3, column 3 (two spaces of indent before it).
    expect(problem('{\n  "version": 1,\n  x: 2\n}', 'w.json')).toBe("w.json:3:3: Expected double-quoted property name")
  })

  it('say that YAML nested thousands of levels deep cannot be read, not that a stack overflowed', () => {
    const deep = `version: 1\nseed: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`
    const message = problem(deep, 'deep.yaml')
    expect(message).toMatch(/^deep\.yaml(:\d+:\d+)?: the text nests lists or maps thousands of levels deep/)
    expect(message).not.toMatch(/stack/i)
  })

  it('place an unexpected end of JSON at the end of the text', () => {
    expect(problem('{\n  "version": 1,', 'w.json')).toMatch(/^w\.json:2:\d+: /)
  })
})

describe('reading files', () => {
  it('reports a missing file by name', () => {
    expect(() => loadWorkload('nowhere/missing.yaml')).toThrow(new InputError('workload file "nowhere/missing.yaml" does not exist.'))
  })

  it('reports a directory given as a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-bench-workload-'))
    expect(() => loadWorkload(dir)).toThrow(/is a directory, not a file\.$/)
  })
})
