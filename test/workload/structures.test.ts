import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {BUNDLED_WORKLOADS_DIR} from '../../src/workload/bundled.js'
import {loadWorkload, parseWorkload} from '../../src/workload/load-workload.js'
import {structureOperationsOf, type Workload} from '../../src/workload/types.js'

const load = (yaml: string): Workload => parseWorkload(`version: 1\n${yaml}`, 'x.yaml')

function problem(yaml: string): string {
  try {
    load(yaml)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error(`accepted: ${yaml}`)
}

describe('structure operations in the mix', () => {
  it('normalises their weights together with read, write and delete', () => {
    expect(load('mix: {read: 50, zincrby: 30, hgetall: 20}').mix).toEqual({read: 0.5, write: 0, delete: 0, zincrby: 0.3, hgetall: 0.2})
    expect(load('mix: {lpush: 1, lrange: 3}').mix).toEqual({read: 0, write: 0, delete: 0, lpush: 0.25, lrange: 0.75})
  })

  it('leaves structure weights out of the mix when they are zero or absent, so existing files load as before', () => {
    expect(Object.keys(load('mix: {read: 9, write: 1, zrank: 0}').mix)).toEqual(['read', 'write', 'delete'])
    for (const file of readdirSync(BUNDLED_WORKLOADS_DIR).filter((name) => name.endsWith('.yaml'))) {
      const workload = loadWorkload(join(BUNDLED_WORKLOADS_DIR, file))
      const expected = ['leaderboard.yaml', 'session-store-hash.yaml', 'dashboard-feed.yaml'].includes(file)
      expect(structureOperationsOf(workload.mix).length > 0, file).toBe(expected)
    }
  })

  it('lists the structure operations a mix draws, in canonical order', () => {
    expect(structureOperationsOf(load('mix: {lrange: 1, hset: 1, zincrby: 1, read: 1}').mix)).toEqual(['zincrby', 'hset', 'lrange'])
  })

  it('refuses a negative weight and suggests the nearest name for a misspelt one', () => {
    expect(problem('mix: {zincrby: -1}')).toBe('x.yaml: mix.zincrby must be a number ≥ 0 (got -1).')
    expect(problem('mix: {zincr: 1}')).toBe('x.yaml: unknown field "mix.zincr"; did you mean "zincrby"?')
    expect(problem('mix: {hgetall: 0, read: 0}')).toBe('x.yaml: mix weights are all zero; give at least one of read, write, delete a positive weight.')
  })
})

describe('structures section', () => {
  it('has defaults for every parameter', () => {
    expect(load('').structures).toEqual({
      sortedSets: {keys: 4, members: 10_000, top: 10, increment: 1},
      hashes: {fields: 8, ttlMs: 30 * 60_000},
      lists: {keys: 16, maxLength: 100, range: 20},
    })
  })

  it('fills the rest of a partly given section and resolves the TTL to milliseconds', () => {
    const {structures} = load('structures: {sortedSets: {members: 500, increment: 2.5}, hashes: {ttl: 90s}, lists: {maxLength: 10, range: 10}}')
    expect(structures).toEqual({
      sortedSets: {keys: 4, members: 500, top: 10, increment: 2.5},
      hashes: {fields: 8, ttlMs: 90_000},
      lists: {keys: 16, maxLength: 10, range: 10},
    })
  })

  it('names the field, the requirement and the value given', () => {
    expect(problem('structures: {sortedSets: {keys: 0}}')).toBe('x.yaml: structures.sortedSets.keys must be a whole number from 1 to 10,000,000 (got 0).')
    expect(problem('structures: {sortedSets: {members: 2.5}}')).toBe('x.yaml: structures.sortedSets.members must be a whole number from 1 to 10,000,000 (got 2.5).')
    expect(problem('structures: {sortedSets: {increment: lots}}')).toBe('x.yaml: structures.sortedSets.increment must be a number (got "lots").')
    expect(problem('structures: {hashes: {fields: -3}}')).toBe('x.yaml: structures.hashes.fields must be a whole number from 1 to 10,000,000 (got -3).')
    expect(problem('structures: {hashes: {ttl: 0s}}')).toMatch(/^x\.yaml: structures\.hashes\.ttl must be a positive duration such as 5ms or 30s.*\(got 0\)\.$/)
    expect(problem('structures: {lists: {maxLength: 0}}')).toBe('x.yaml: structures.lists.maxLength must be a whole number from 1 to 10,000,000 (got 0).')
    expect(problem('structures: 3')).toBe('x.yaml: structures must be a mapping of field: value pairs (got 3).')
  })

  it('refuses reads longer than what the structure can hold', () => {
    expect(problem('structures: {lists: {maxLength: 50, range: 80}}')).toBe(
      'x.yaml: structures.lists.range (80) must be at most structures.lists.maxLength (50).',
    )
    expect(problem('structures: {sortedSets: {members: 5}}')).toBe(
      'x.yaml: structures.sortedSets.top (10) must be at most structures.sortedSets.members (5).',
    )
  })

  it('suggests the nearest name for an unknown field', () => {
    expect(problem('structures: {sortedSet: {}}')).toBe('x.yaml: unknown field "structures.sortedSet"; did you mean "sortedSets"?')
    expect(problem('structures: {lists: {maxLen: 5}}')).toBe('x.yaml: unknown field "structures.lists.maxLen"; did you mean "maxLength"?')
  })
})
