import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {createOperationMix} from '../../src/generators/operation-mix.js'
import {createRandom} from '../../src/generators/random.js'
import type {MixSpec, OperationKind} from '../../src/workload/types.js'
import {binomialTolerance, expectNear, scriptedRandom} from './helpers.js'

function tally(mix: MixSpec, draws: number, seed = 91): Record<OperationKind, number> {
  const operations = createOperationMix(mix, createRandom(seed, 2))
  const counts = {read: 0, write: 0, delete: 0}
  for (let i = 0; i < draws; i++) counts[operations.next() as OperationKind]++
  return counts
}

describe('operation mix', () => {
  const draws = 500_000

  it('matches its weights', () => {
    const weights = {read: 0.5, write: 0.3, delete: 0.2}
    const counts = tally(weights, draws)
    for (const kind of ['read', 'write', 'delete'] as const) {
      expectNear(counts[kind], draws * weights[kind], binomialTolerance(draws, weights[kind]))
    }
  })

  it('never yields a kind of weight 0', () => {
    const counts = tally({read: 0.95, write: 0.05, delete: 0}, draws)
    expect(counts.delete).toBe(0)
    expectNear(counts.write, draws * 0.05, binomialTolerance(draws, 0.05))
    expect(tally({read: 0, write: 0, delete: 1}, 10_000)).toEqual({read: 0, write: 0, delete: 10_000})
  })

  it('gives the top of [0, 1) to the last positive kind when weights sum a little under 1', () => {
    const justBelowOne = 1 - 2 ** -32
    const operations = createOperationMix({read: 0.7, write: 0.2999999999, delete: 0}, scriptedRandom([justBelowOne, 0, 0.75]))
    expect([operations.next(), operations.next(), operations.next()]).toEqual(['write', 'read', 'write'])
    const readsOnly = createOperationMix({read: 0.9999999, write: 0, delete: 0}, scriptedRandom([justBelowOne]))
    expect(readsOnly.next()).toBe('read')
    // 0.01/0.05 + 0.04/0.05 sums to 1 − 2^−53 in doubles: the largest uniform below 1 lies beyond it.
    const largestBelowOne = 1 - 2 ** -53
    const roundedShort = createOperationMix({read: 0.01, write: 0.04, delete: 0}, scriptedRandom([largestBelowOne]))
    expect(roundedShort.next()).toBe('write')
  })

  it('normalises weights that do not sum to 1', () => {
    const counts = tally({read: 3, write: 1, delete: 0}, draws)
    expectNear(counts.read, draws * 0.75, binomialTolerance(draws, 0.75))
  })

  it('repeats for the same seed', () => {
    const weights = {read: 0.6, write: 0.3, delete: 0.1}
    const a = createOperationMix(weights, createRandom(3, 2))
    const b = createOperationMix(weights, createRandom(3, 2))
    for (let i = 0; i < 1000; i++) expect(a.next()).toBe(b.next())
  })

  it('rejects negative, non-numeric or all-zero weights', () => {
    const random = createRandom(1)
    expect(() => createOperationMix({read: 0, write: 0, delete: 0}, random)).toThrow(InputError)
    expect(() => createOperationMix({read: 1, write: -0.1, delete: 0}, random)).toThrow(/mix\.write/)
    expect(() => createOperationMix({read: Number.NaN, write: 1, delete: 0}, random)).toThrow(/mix\.read/)
  })
})
